import type { App } from "@slack/bolt";
import { decideVerification } from "../../../../core/use-cases/decide-verification.js";
import { actionIds, VerificationButtonValueSchema } from "../../interaction-values.js";
import type { SlackDeps } from "../../slack-deps.js";
import { staffText } from "../interaction.js";
import { onButton } from "./on-button.js";

const decisions: Record<string, boolean> = {
  [actionIds.verificationApprove]: true,
  [actionIds.verificationReject]: false,
};

/** Approve / Reject on an owner verification card; the core tells the owner and redraws the card. */
export function registerVerificationButtons(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  for (const [actionId, approve] of Object.entries(decisions)) {
    onButton(app, deps, {
      actionId,
      surface: "verification-buttons",
      value: VerificationButtonValueSchema,
      key: ({ value, clicker }) => `verification:${clicker.userId}:${value.verificationId}`,
      context: (value) => ({ verificationId: value.verificationId }),
      act: ({ value, clicker }) => decideVerification(deps.workflow, { verificationId: value.verificationId, staffUserId: clicker.userId, approve }),
      fallback: { number: t("staff:verification.subject") },
    });
  }
}
