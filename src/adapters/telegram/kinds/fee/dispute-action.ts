import type { BotContext, OwnerBotDeps } from "../../context.js";
import { enterConversationFromPress } from "../../features/owner-button-press.js";
import type { OwnerButtonPress } from "../telegram-kind.js";
import { feeDisputeConversationId, type FeeDisputeStart } from "./dispute-conversation.js";

/** Dispute, under a fee reminder: the dispute conversation asks what is wrong, then hands it to the core. */
export async function askDispute(deps: OwnerBotDeps, ctx: BotContext, press: OwnerButtonPress): Promise<void> {
  const start: FeeDisputeStart = { locale: ctx.locale, caseId: press.button.caseId };
  await enterConversationFromPress(deps, ctx, press, { id: feeDisputeConversationId, start });
}
