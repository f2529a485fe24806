import type { BotContext, OwnerBotDeps } from "../../context.js";
import { answerStale, doneText, findOwnerCase, markPressed } from "../../features/owner-button-press.js";
import { inConversation } from "../../features/owner-helpers.js";
import type { OwnerButtonPress } from "../telegram-kind.js";
import { otherTimeConversationId, type OtherTimeStart } from "./other-time-conversation.js";

/**
 * Another time, under a proposed visit: the owner is asked when they can instead, in the
 * other-time conversation, which then hands the answer to the core.
 */
export async function askOtherTime(deps: OwnerBotDeps, ctx: BotContext, { button, action }: OwnerButtonPress): Promise<void> {
  if (inConversation(ctx)) {
    await ctx.answerCallbackQuery({ text: ctx.t("owner:actions.busy"), show_alert: true });
    return;
  }
  // Checked before asking, so the owner does not type a time only to hear the button was stale.
  const subject = await findOwnerCase(deps, ctx, button.caseId);
  if (!subject || !action.isCurrent(subject, button.arg)) {
    await answerStale(ctx);
    return;
  }
  await ctx.answerCallbackQuery();
  await markPressed(ctx, doneText(ctx, action));
  const start: OtherTimeStart = { locale: ctx.locale, caseId: button.caseId, proposedAt: button.arg };
  await ctx.conversation.enter(otherTimeConversationId, start);
}
