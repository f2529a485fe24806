import { callbackPrompt } from "../../../../core/case/callback-rules.js";
import type { RepairDetails } from "../../../../core/kinds/repair/details.js";
import { repairKind } from "../../../../core/kinds/repair/kind.js";
import { defineSlackKind } from "../slack-kind.js";
import { repairCallbackPrompt } from "./callback-prompt.js";
import { repairCard, repairSummary } from "./card.js";
import { repairIntake } from "./intake.js";
import { registerRepairListeners } from "./listeners.js";

/** Repairs in Slack: the dispatch card, the front desk's callback prompt, the repair's own buttons, and its part of the front desk's form. */
export const repairSlackKind = defineSlackKind<RepairDetails>({
  kind: repairKind.id,
  card: repairCard,
  summary: repairSummary,
  prompts: {
    [callbackPrompt]: repairCallbackPrompt,
  },
  register: registerRepairListeners,
  intake: repairIntake,
});
