import type { types } from "@slack/bolt";
import type { ComplaintDetails } from "../../../../core/kinds/complaint/details.js";
import { callbackPromptFor } from "../../blocks/callback-card.js";
import { reporterLabel } from "../../blocks/case-card.js";
import { field, type FormatInstant, type Translate, unitLabel } from "../../blocks/format.js";
import { type ComplaintView, tierLabel } from "./card.js";

/**
 * What the front desk needs to call back the owner of a resolved complaint: who and where, what
 * it was about and its tier, who was responsible and when it was resolved, the resolution the
 * owner was told and the owner's own verdict in the bot, if any.
 */
function complaintCallbackFacts(view: ComplaintView, t: Translate, formatInstant: FormatInstant): types.MrkdwnElement[] {
  const complaint = view.subject.details;
  return [
    field(t("staff:card.owner"), reporterLabel(view, t)),
    field(t("staff:card.unit"), unitLabel(view.unit)),
    field(t("staff:complaint.callback.subject"), t(`common:complaint_subject.${complaint.subject}`)),
    field(t("staff:complaint.tier"), tierLabel(complaint, t)),
    field(t("staff:complaint.callback.resolved_by"), view.assignee?.name ?? t("staff:card.unassigned")),
    field(t("staff:complaint.callback.resolved_at"), complaint.resolvedAt ? formatInstant(complaint.resolvedAt) : "-"),
    field(t("staff:complaint.callback.resolution"), complaint.resolution ?? "-"),
    field(t("staff:complaint.callback.verdict"), complaint.ownerVerdict ? t(`staff:complaint.verdicts.${complaint.ownerVerdict}`) : t("staff:complaint.callback.no_verdict")),
  ];
}

/** A complaint's callback card (回访): the shared card with the complaint's facts; "not resolved" reopens it. */
export const complaintCallbackPrompt = callbackPromptFor<ComplaintDetails>(complaintCallbackFacts, {
  notSatisfiedLabel: "staff:buttons.complaint_not_resolved",
  cancelledNote: "staff:complaint.callback.cancelled",
  notSatisfiedOutcome: "staff:complaint.callback.not_resolved",
});
