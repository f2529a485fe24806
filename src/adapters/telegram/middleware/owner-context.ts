import type { MiddlewareFn } from "grammy";
import { localeFromLanguageCode } from "../../../core/use-cases/register-owner-identity.js";
import type { BotContext, TelegramDeps } from "../context.js";

/**
 * Installs the per-update child logger, then the owner's language: the stored identity's choice
 * (set at /start or with /language) wins over the client's `language_code`.
 */
export function ownerContext(deps: TelegramDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.logger = deps.logger.child({ updateId: ctx.update.update_id, chatId: ctx.chatId, userId: ctx.from?.id });
    const from = ctx.from;
    const identity = from ? await deps.workflow.uow.transaction((store) => store.identities.find(String(from.id))) : null;
    ctx.locale = identity?.locale ?? localeFromLanguageCode(from?.language_code, deps.defaultLocale);
    ctx.t = (key, params) => deps.translator.t(ctx.locale, key, params);
    await next();
  };
}
