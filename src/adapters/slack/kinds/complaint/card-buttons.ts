import type { ComplaintTier } from "../../../../core/kinds/complaint/details.js";
import type { ComplaintAction } from "../../../../core/kinds/complaint/lifecycle.js";
import type { CardButton, CardButtons } from "../../blocks/case-card.js";
import { actionIds } from "../../interaction-values.js";
import { complaintActionIds } from "./interaction.js";

const tierButtons: Record<ComplaintTier, { actionId: string; label: string }> = {
  major: { actionId: complaintActionIds.classifyMajor, label: "staff:buttons.complaint_major" },
  service_error: { actionId: complaintActionIds.classifyServiceError, label: "staff:buttons.complaint_service_error" },
  minor: { actionId: complaintActionIds.classifyMinor, label: "staff:buttons.complaint_minor" },
};

/**
 * The complaint card's buttons by lifecycle action (the lifecycle's `complaintCardActions`
 * decides which show, and in which order). Classify is one button per tier, the suggested one
 * primary: the front desk decides, the card only suggests. Reopen and close are the owner's and
 * the callback's, so they have none.
 */
export function complaintCardButtons(suggested: ComplaintTier): CardButtons {
  const classify: CardButton[] = (["major", "service_error", "minor"] as const).map((tier) => ({
    ...tierButtons[tier],
    ...(tier === suggested ? { style: "primary" as const } : {}),
  }));
  const buttons: Partial<Record<ComplaintAction, CardButton | readonly CardButton[]>> = {
    classify,
    mark_invalid: { actionId: complaintActionIds.markInvalid, label: "staff:buttons.complaint_invalid" },
    acknowledge: { actionId: complaintActionIds.acknowledge, label: "staff:buttons.complaint_acknowledge", style: "primary" },
    route: { actionId: complaintActionIds.route, label: "staff:buttons.complaint_route" },
    contact_owner: { actionId: complaintActionIds.contactOwner, label: "staff:buttons.complaint_contacted" },
    send_answer: { actionId: complaintActionIds.sendAnswer, label: "staff:buttons.complaint_send_answer" },
    supervisor_takeover: { actionId: complaintActionIds.supervisorTakeover, label: "staff:buttons.complaint_supervisor" },
    harm_ongoing: { actionId: complaintActionIds.harmOngoing, label: "staff:buttons.complaint_harm", style: "danger" },
    resolve: { actionId: complaintActionIds.resolve, label: "staff:buttons.complaint_resolve", style: "primary" },
    cancel: { actionId: actionIds.cancel, label: "staff:buttons.cancel", style: "danger" },
  };
  return buttons;
}
