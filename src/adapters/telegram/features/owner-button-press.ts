import type { Case } from "../../../core/case/case.js";
import type { OwnerActionDefinition } from "../../../core/case/kind.js";
import { listOwnerCases } from "../../../core/use-cases/list-owner-cases.js";
import type { BotContext, TelegramDeps } from "../context.js";
import { describeError } from "../errors.js";
import { senderId } from "./owner-helpers.js";

/** How far back a press on an old notice is looked up before it counts as stale. */
const searchedCases = 50;

/** The line a pressed notice gets for `action`, in the owner's language. */
export function doneText(ctx: BotContext, action: Pick<OwnerActionDefinition, "doneKey">): string {
  return ctx.t(`owner:${action.doneKey}`);
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

/** Answers a press on a button that no longer applies, and marks its notice so. */
export async function answerStale(ctx: BotContext): Promise<void> {
  const expired = ctx.t("owner:action_done.expired");
  await ctx.answerCallbackQuery({ text: expired });
  await markPressed(ctx, expired);
}

/** The pressing owner's case `caseId` among their recent ones, or null (not theirs, or long gone). */
export async function findOwnerCase(deps: TelegramDeps, ctx: BotContext, caseId: string): Promise<Case | null> {
  const cases = await listOwnerCases(deps.workflow, senderId(ctx), searchedCases);
  return cases.find((candidate) => candidate.id === caseId) ?? null;
}
