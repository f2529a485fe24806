import type { EventVocabulary } from "../../blocks/case-history.js";

/** Why a complaint was reopened, as the core writes it into the event's data. */
const reopenReasons: ReadonlySet<string> = new Set(["owner_not_resolved", "callback_not_resolved"]);

/**
 * How a complaint's history reads on its card; the sentences are under `staff:events`. Types
 * other kinds write too with their own sentence (`reported`, `escalated`, `callback_recorded`)
 * read through `sentences`, so a complaint never says "reported the repair".
 */
export const complaintEvents: EventVocabulary = {
  described: new Set([
    "reported",
    "classify",
    "acknowledge",
    "route",
    "contact_owner",
    "send_answer",
    "supervisor_takeover",
    "harm_ongoing",
    "resolve",
    "owner_verdict",
    "callback_prompted",
    "callback_no_answer",
    "callback_recorded",
    "escalated",
    "clock_started",
    "mark_invalid",
    "cancel",
    "phone_shown",
  ]),
  sentences: {
    reported: "complaint_reported",
    escalated: "complaint_escalated",
    callback_recorded: "complaint_callback_recorded",
  },
  reasons: reopenReasons,
  params(data, t) {
    const params: Record<string, string> = {};
    if (typeof data.channel === "string") params.channel = t(`staff:complaint.channels.${data.channel}`);
    if (typeof data.tier === "string") params.tier = t(`common:complaint_tier.${data.tier}`);
    if (typeof data.suggested === "string") params.suggested = t(`common:complaint_tier.${data.suggested}`);
    if (typeof data.department === "string") params.department = t(`staff:team_names.${data.department}`);
    if (data.verdict === "resolved" || data.verdict === "not_resolved") params.verdict = t(`staff:complaint.verdicts.${data.verdict}`);
    // The shared outcome "reached, not fixed" speaks of a repair; a complaint is not resolved.
    if (typeof data.outcome === "string") params.outcome = data.outcome === "not_fixed" ? t("staff:complaint.outcome_not_resolved") : t(`staff:callback.outcomes.${data.outcome}`);
    if (typeof data.rule === "string") params.clock = t(`staff:clocks.${data.rule.replace(/\./g, "_")}`);
    if (typeof data.to === "string") params.to = t(`staff:complaint.escalation_targets.${data.to.replace("/", "_")}`);
    // The reopening's reason, when there is one, closes the sentence in brackets.
    params.reopened = typeof data.reason === "string" && reopenReasons.has(data.reason) ? t("staff:events.complaint_reopened", { reason: t(`staff:events.reasons.${data.reason}`) }) : "";
    return params;
  },
};
