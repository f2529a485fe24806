import type { MiddlewareFn } from "grammy";
import type { BotContext, TelegramDeps } from "../context.js";

/**
 * Telegram redelivers an update when it did not see our answer in time (webhook) or when the
 * offset was not confirmed before a restart (polling). The inbox remembers every update id, so
 * a repeated one is dropped before it can file a second repair or press a button twice.
 */
export function dropRepeatedUpdates(deps: TelegramDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const updateId = ctx.update.update_id;
    const first = await deps.workflow.uow.transaction((store) =>
      store.inbox.recordOnce("telegram", String(updateId), deps.workflow.time.now()),
    );
    if (!first) {
      deps.logger.info({ updateId }, "repeated telegram update dropped");
      return;
    }
    await next();
  };
}
