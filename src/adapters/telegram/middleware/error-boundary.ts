import type { BotError } from "grammy";
import type { Logger } from "pino";
import { isWorkflowError } from "../../../core/domain/errors.js";
import type { Locale } from "../../../core/domain/registry.js";
import type { BotContext, Render, TelegramDeps } from "../context.js";
import { describeError } from "../errors.js";
import { contactKeyboard } from "../keyboards.js";
import { isUpdateDeferred } from "../update-deferred.js";

/**
 * The one place where failures become words for the owner. A WorkflowError is an expected
 * refusal: the owner reads `common:errors.<code>` with its params. Anything else is a bug: it is
 * logged with context (never the raw update, never a phone number) and the owner gets the polite
 * `common:errors.unknown` - never a stack trace, never silence.
 *
 * An {@link UpdateDeferred} is not a failure to explain: it is rethrown, so the webhook answers
 * 500 and Telegram delivers the update again (see claim-update.ts).
 */
export function handleBotError(deps: TelegramDeps): (error: BotError<BotContext>) => Promise<void> {
  return async (error) => {
    const { ctx } = error;
    const cause = error.error;
    if (isUpdateDeferred(cause)) throw cause;
    const logger = loggerOf(ctx, deps);
    const locale = localeOf(ctx, deps);
    const t: Render = (key, params) => deps.translator.t(locale, key, params);
    const updateType = Object.keys(ctx.update).find((key) => key !== "update_id");
    if (isWorkflowError(cause)) {
      logger.info({ code: cause.code, updateType, error: describeError(cause) }, "workflow refused an owner request");
    } else {
      logger.error({ updateType, error: describeError(cause) }, "owner update failed");
    }
    const text = isWorkflowError(cause) ? t(`common:errors.${cause.code}`, cause.params) : t("common:errors.unknown");
    try {
      if (ctx.callbackQuery) await ctx.answerCallbackQuery().catch(() => undefined);
      if (ctx.chatId === undefined) return;
      const markup = isWorkflowError(cause) && cause.code === "not_verified" ? { reply_markup: contactKeyboard(t) } : {};
      await ctx.api.sendMessage(ctx.chatId, text, markup);
    } catch (replyError) {
      logger.warn({ error: describeError(replyError) }, "could not tell the owner about a failure");
    }
  };
}

/**
 * The inner boundary, inside the repeated-update filter: it answers a WorkflowError as
 * {@link handleBotError} does, so the refusal counts as handled and a redelivery of the update is
 * not answered twice. Anything else is rethrown past the filter (which then leaves the update
 * unrecorded, to be worked on again if Telegram redelivers it) to the outer boundary.
 */
export function answerRefusals(deps: TelegramDeps): (error: BotError<BotContext>) => Promise<void> {
  const answer = handleBotError(deps);
  return async (error) => {
    if (!isWorkflowError(error.error)) throw error.error;
    await answer(error);
  };
}

// The boundary also guards the middleware that installs the logger and locale, so either may be missing.
function loggerOf(ctx: BotContext, deps: TelegramDeps): Logger {
  return (ctx as Partial<BotContext>).logger ?? deps.logger.child({ updateId: ctx.update.update_id });
}

function localeOf(ctx: BotContext, deps: TelegramDeps): Locale {
  return (ctx as Partial<BotContext>).locale ?? deps.defaultLocale;
}
