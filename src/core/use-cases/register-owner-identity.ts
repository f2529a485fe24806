import type { Locale, OwnerIdentity } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

export interface RegisterOwnerIdentityInput {
  ownerUserId: string;
  chatId: string;
  displayName: string;
  /** Telegram's `language_code` of the user, if their client sent one. */
  languageCode: string | undefined;
  defaultLocale: Locale;
}

/** First contact (or a later /start): remembers the chat and picks the greeting language. */
export async function registerOwnerIdentity(ctx: WorkflowContext, input: RegisterOwnerIdentityInput): Promise<OwnerIdentity> {
  return ctx.uow.transaction(async (store) => {
    const existing = await store.identities.find(input.ownerUserId);
    const identity: OwnerIdentity = existing
      ? { ...existing, chatId: input.chatId, displayName: input.displayName }
      : {
          ownerUserId: input.ownerUserId,
          chatId: input.chatId,
          displayName: input.displayName,
          locale: localeFromLanguageCode(input.languageCode, input.defaultLocale),
          phone: null,
          verified: false,
        };
    await store.identities.save(identity);
    return identity;
  });
}

export function localeFromLanguageCode(code: string | undefined, fallback: Locale): Locale {
  if (!code) return fallback;
  if (code.toLowerCase().startsWith("en")) return "en";
  if (code.toLowerCase().startsWith("zh")) return "zh-CN";
  return fallback;
}
