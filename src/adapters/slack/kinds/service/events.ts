import type { EventVocabulary } from "../../blocks/case-history.js";
import { serviceLifecycle } from "../../../../core/kinds/service/lifecycle.js";

/** Sentences shared with every kind (`staff:events.<type>`): who claimed, assigned, cancelled, called back. */
const shared = ["claim", "assign", "cancel", "callback_prompted", "callback_no_answer", "callback_recorded", "escalated", "clock_started", "phone_shown"];

/** Event types the core writes under a name of their own rather than the lifecycle action's. */
const named = ["reported", "completed", "problem_reported", "time_confirmed", "work_accepted", "cancelled_by_owner", "rescheduled_by_owner", "visits_generated", "month_receipted"];

/** The service's own sentences, under `staff:events.service`: every lifecycle step and what the core records beside them. */
const own = [...Object.keys(serviceLifecycle.transitions).filter((type) => !shared.includes(type)), ...named];

/**
 * How a service order's history reads on its card. A type it does not know (a newer release's)
 * reads as `staff:events.other`, never as a raw key.
 */
export const serviceEvents: EventVocabulary = {
  described: new Set([...shared, ...own]),
  sentences: Object.fromEntries(own.map((type) => [type, `service.${type}`])),
  reasons: new Set(["callback_not_fixed", "owner_not_fixed"]),
  params(data, t) {
    const params: Record<string, string> = {};
    if (typeof data.outcome === "string") params.outcome = data.outcome === "not_fixed" ? t("staff:service.callback.not_satisfied_outcome") : t(`staff:callback.outcomes.${data.outcome}`);
    if (typeof data.rule === "string") params.clock = t(`staff:clocks.${data.rule.replace(/\./g, "_")}`);
    return params;
  },
};
