import type { App, BlockButtonAction } from "@slack/bolt";
import { decideVerification } from "../../../../core/use-cases/decide-verification.js";
import { actionIds, decodeValue, VerificationButtonValueSchema } from "../../interaction-values.js";
import type { SlackDeps } from "../../slack-deps.js";
import { actOnFirstDelivery, explainFailure, explainUnreadable, staffText } from "../interaction.js";

const decisions: Record<string, boolean> = {
  [actionIds.verificationApprove]: true,
  [actionIds.verificationReject]: false,
};

/** Approve / Reject on an owner verification card; the core tells the owner and redraws the card. */
export function registerVerificationButtons(app: App, deps: SlackDeps): void {
  const log = deps.logger.child({ surface: "verification-buttons" });
  const { t } = staffText(deps);
  for (const [actionId, approve] of Object.entries(decisions)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const clicker = { userId: body.user.id, channel: body.channel?.id };
      const value = decodeValue(VerificationButtonValueSchema, action.value);
      if (!value) return explainUnreadable(deps, client, clicker, log, actionId);
      const context = { actionId, verificationId: value.verificationId };
      try {
        const key = `verification:${clicker.userId}:${value.verificationId}`;
        const acted = await actOnFirstDelivery(deps, key, () => decideVerification(deps.workflow, { verificationId: value.verificationId, staffUserId: clicker.userId, approve }));
        if (!acted) log.info(context, "repeated click ignored");
      } catch (error) {
        const fallback = { number: t("staff:verification.subject") };
        await explainFailure({ deps, client, clicker, error, log, context, fallback });
      }
    });
  }
}
