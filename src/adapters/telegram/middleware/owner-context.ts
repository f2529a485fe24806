import type { MiddlewareFn } from "grammy";
import type { OwnerIdentity } from "../../../core/domain/registry.js";
import type { Store } from "../../../core/ports/store.js";
import { localeFromLanguageCode } from "../../../core/use-cases/register-owner-identity.js";
import type { BotContext, TelegramDeps } from "../context.js";

/** Per update: the sender's stored identity, read in the update's claiming transaction. */
const identitiesAtClaim = new WeakMap<BotContext, OwnerIdentity | null>();

/** Reads the sender's identity in the update's claiming transaction (a claim read: see claim-update.ts). */
export async function readIdentityAtClaim(ctx: BotContext, store: Store): Promise<void> {
  if (ctx.from) identitiesAtClaim.set(ctx, await store.identities.find(String(ctx.from.id)));
}

/**
 * Installs the per-update child logger, then the owner's language: the stored identity's choice
 * (set at /start or with /language) wins over the client's `language_code`.
 */
export function ownerContext(deps: TelegramDeps): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    ctx.logger = deps.logger.child({ updateId: ctx.update.update_id, chatId: ctx.chatId, userId: ctx.from?.id });
    const from = ctx.from;
    let identity = identitiesAtClaim.get(ctx) ?? null;
    if (from && !identitiesAtClaim.has(ctx)) identity = await deps.workflow.uow.transaction((store) => store.identities.find(String(from.id)));
    ctx.locale = identity?.locale ?? localeFromLanguageCode(from?.language_code, deps.defaultLocale);
    ctx.t = (key, params) => deps.translator.t(ctx.locale, key, params);
    await next();
  };
}
