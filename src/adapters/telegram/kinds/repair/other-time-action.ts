import type { BotContext, OwnerBotDeps } from "../../context.js";
import { enterConversationFromPress } from "../../features/owner-button-press.js";
import type { OwnerButtonPress } from "../telegram-kind.js";
import { otherTimeConversationId, type OtherTimeStart } from "./other-time-conversation.js";

/**
 * Another time, under a proposed visit: the owner is asked when they can instead, in the
 * other-time conversation, which then hands the answer to the core.
 */
export async function askOtherTime(deps: OwnerBotDeps, ctx: BotContext, press: OwnerButtonPress): Promise<void> {
  const start: OtherTimeStart = { locale: ctx.locale, caseId: press.button.caseId, proposedAt: press.button.arg };
  await enterConversationFromPress(deps, ctx, press, { id: otherTimeConversationId, start });
}
