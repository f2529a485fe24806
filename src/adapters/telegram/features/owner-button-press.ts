import type { Case } from "../../../core/case/case.js";
import type { OwnerActionDefinition } from "../../../core/case/kind.js";
import type { OwnerButton } from "../../../core/domain/outbox.js";
import { listOwnerCases } from "../../../core/use-cases/list-owner-cases.js";
import type { BotContext, TelegramDeps } from "../context.js";
import { describeError } from "../errors.js";
import { ownerButtonParams } from "../keyboards.js";
import type { OwnerButtonPress } from "../kinds/telegram-kind.js";
import { inConversation, senderId } from "./owner-helpers.js";

/** How far back a press on an old notice is looked up before it counts as stale. */
const searchedCases = 50;

/** The line a pressed notice gets for `action`, in the owner's language; it may name the button's day. */
export function doneText(deps: TelegramDeps, ctx: BotContext, action: Pick<OwnerActionDefinition, "doneKey" | "argument">, button: Pick<OwnerButton, "arg">): string {
  return ctx.t(`owner:${action.doneKey}`, ownerButtonParams(action, button, ctx.locale, deps.workflow.timeZone));
}

/** Appends what was chosen and drops the keyboard, so the notice cannot be pressed twice; cosmetic, so a failed edit is only logged. */
export async function markPressed(ctx: BotContext, status: string): Promise<void> {
  const message = ctx.callbackQuery?.message;
  try {
    if (message && "text" in message && message.text) await ctx.editMessageText(`${message.text}\n\n${status}`);
    else await ctx.editMessageReplyMarkup();
  } catch (error) {
    ctx.logger.warn({ error: describeError(error) }, "could not remove the keyboard of a pressed notice");
  }
}

/**
 * Answers a press on a button that no longer applies, and marks its notice so: with the kind's
 * own reason when it has one (shown as an alert, so the owner reads it), else "expired".
 */
export async function answerStale(ctx: BotContext, reason?: string | null): Promise<void> {
  const text = reason ?? ctx.t("owner:action_done.expired");
  await ctx.answerCallbackQuery(reason ? { text, show_alert: true } : { text });
  await markPressed(ctx, text);
}

/** The pressing owner's case `caseId` among their recent ones, or null (not theirs, or long gone). */
export async function findOwnerCase(deps: TelegramDeps, ctx: BotContext, caseId: string): Promise<Case | null> {
  const cases = await listOwnerCases(deps.workflow, senderId(ctx), searchedCases);
  return cases.find((candidate) => candidate.id === caseId) ?? null;
}

/**
 * A press whose action asks the owner something first: refused while another conversation runs,
 * answered as stale (with `staleReason`'s words when it has some) when the case moved on, else
 * the press is answered and marked and the kind's conversation entered with `start`.
 */
export async function enterConversationFromPress(
  deps: TelegramDeps,
  ctx: BotContext,
  { button, action }: OwnerButtonPress,
  conversation: { id: string; start: unknown; staleReason?: (subject: Case) => string | null },
): Promise<void> {
  if (inConversation(ctx)) {
    await ctx.answerCallbackQuery({ text: ctx.t("owner:actions.busy"), show_alert: true });
    return;
  }
  // Checked before asking, so the owner does not type an answer only to hear the button was stale.
  const subject = await findOwnerCase(deps, ctx, button.caseId);
  if (!subject || !action.isCurrent(subject, button.arg)) {
    await answerStale(ctx, subject ? conversation.staleReason?.(subject) : null);
    return;
  }
  await ctx.answerCallbackQuery();
  await markPressed(ctx, doneText(deps, ctx, action, button));
  await ctx.conversation.enter(conversation.id, conversation.start);
}
