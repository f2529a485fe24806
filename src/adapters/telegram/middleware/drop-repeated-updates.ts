import type { MiddlewareFn } from "grammy";
import type { BotContext, TelegramDeps } from "../context.js";
import { describeError } from "../errors.js";

/**
 * Telegram redelivers an update when it did not see our answer in time (webhook) or when the
 * offset was not confirmed before a restart (polling). An update already handled is dropped
 * before it can file a second repair or press a button twice.
 *
 * It is recorded only after it was handled - answered, or refused with an answer from the
 * refusal boundary inside this middleware - so that an update whose handling crashed (a bug, a
 * lost database, a killed process) is worked on again when Telegram redelivers it, instead of
 * leaving the owner with silence. Must run after `sequentializeByChat`: a
 * redelivery that arrives while the first delivery is still in flight then waits for its record.
 */
export function dropRepeatedUpdates(deps: TelegramDeps): MiddlewareFn<BotContext> {
  const { uow, time } = deps.workflow;
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    if (await uow.transaction((store) => store.inbox.seen("telegram", String(updateId)))) {
      // A warning: Telegram redelivers rarely, so many of these mean updates are being lost (a
      // Bot API whose ids started again below the ones recorded), and the owner sees no answer.
      deps.logger.warn({ updateId, reason: "already handled: this update_id is recorded as processed" }, "repeated telegram update dropped");
      return;
    }
    await next();
    deps.onUpdateHandled?.();
    try {
      await uow.transaction((store) => store.inbox.recordOnce("telegram", String(updateId), time.now()));
    } catch (error) {
      // The owner already has their answer; telling them something failed would be false. The
      // cost is that a redelivery of this update, should Telegram send one, is acted on again.
      deps.logger.error({ updateId, error: describeError(error) }, "handled telegram update could not be recorded");
    }
  };
}
