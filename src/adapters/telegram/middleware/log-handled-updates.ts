import type { MiddlewareFn } from "grammy";
import type { BotContext, TelegramDeps } from "../context.js";

/**
 * One debug line per update, once handled: its id, its type (`message`, `callback_query`...),
 * what it was (a command's name, never other text) and how long it took, waits for a rate limit
 * included. Never the update itself: it carries the owner's name, phone and words.
 */
export function logHandledUpdates(deps: TelegramDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const startedMs = Date.now();
    await next();
    const updateType = Object.keys(ctx.update).find((key) => key !== "update_id");
    const command = /^\/([a-z_]{1,32})(?:@\w+)?(?:\s|$)/.exec(ctx.message?.text ?? "")?.[1];
    deps.logger.debug(
      { updateId: ctx.update.update_id, updateType, ...(command ? { command } : {}), ...(ctx.callbackQuery ? { button: true } : {}), durationMs: Date.now() - startedMs },
      "owner update handled",
    );
  };
}
