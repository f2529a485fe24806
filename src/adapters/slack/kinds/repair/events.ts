import { formatFen } from "../../../../core/domain/money.js";
import type { EventVocabulary } from "../../blocks/case-history.js";

/** How a repair's history reads on its card; the sentences are under `staff:events`. */
export const repairEvents: EventVocabulary = {
  described: new Set([
    "reported",
    "claim",
    "assign",
    "propose_time",
    "time_confirmed",
    "other_time_requested",
    "start",
    "completed",
    "leak_test_passed",
    "leak_test_failed",
    "cancel_after_start",
    "reopened",
    "cancel",
    "callback_prompted",
    "callback_no_answer",
    "callback_recorded",
    "escalated",
    "owner_answered_fixed",
    "owner_reminded",
    "time_confirmed_by_phone",
    "category_corrected",
    "billing_corrected",
    "phone_shown",
    "receipt_issued",
  ]),
  reasons: new Set(["owner_not_fixed", "callback_not_fixed", "callback_unreachable", "proposal_unanswered"]),
  params(data, t, formatInstant) {
    const params: Record<string, string> = {};
    if (typeof data.appointmentAt === "string") params.at = formatInstant(new Date(data.appointmentAt));
    if (typeof data.outcome === "string") params.outcome = t(`staff:callback.outcomes.${data.outcome}`);
    if (data.answer === "yes" || data.answer === "no") params.answer = t(`staff:card.fixed_${data.answer}`);
    if (typeof data.amountFen === "number") params.amount = formatFen(data.amountFen);
    return params;
  },
};
