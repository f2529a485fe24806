import { callbackPrompt } from "../../../../core/case/callback-rules.js";
import type { ComplaintDetails } from "../../../../core/kinds/complaint/details.js";
import { complaintKind } from "../../../../core/kinds/complaint/kind.js";
import { defineSlackKind } from "../slack-kind.js";
import { complaintCallbackPrompt } from "./callback-prompt.js";
import { complaintCard, complaintSummary } from "./card.js";
import { complaintIntake } from "./intake.js";
import { registerComplaintListeners } from "./listeners.js";

/** Complaints in Slack: the complaint card and its copies, the front desk's callback card, the complaint's own buttons and modals, and its part of the front desk's form. */
export const complaintSlackKind = defineSlackKind<ComplaintDetails>({
  kind: complaintKind.id,
  // The card names the urgent repair opened for ongoing harm, by its number.
  cardViewOptions: (complaint) => ({ caseIds: complaint.details.harmRepairId ? [complaint.details.harmRepairId] : [] }),
  card: complaintCard,
  summary: complaintSummary,
  prompts: {
    [callbackPrompt]: complaintCallbackPrompt,
  },
  register: registerComplaintListeners,
  intake: complaintIntake,
});
