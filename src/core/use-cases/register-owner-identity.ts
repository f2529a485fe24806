import type { Locale, OwnerIdentity } from "../domain/registry.js";
import { localDate } from "../domain/deadline.js";
import type { Store } from "../ports/store.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { profileOf, type OwnerProfile } from "./get-owner-profile.js";

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
  return ctx.uow.transaction((store) => register(store, input));
}

/**
 * `/start`: registers as {@link registerOwnerIdentity} does and returns the owner's profile as
 * {@link getOwnerProfile} would right after, in one transaction instead of two (every `/start`
 * needs both, and each transaction is a turn of the only SQLite writer).
 */
export async function registerOwnerWithProfile(ctx: WorkflowContext, input: RegisterOwnerIdentityInput): Promise<OwnerProfile> {
  const today = localDate(ctx.time.now(), ctx.timeZone);
  return ctx.uow.transaction(async (store) => profileOf(store, await register(store, input), today));
}

async function register(store: Store, input: RegisterOwnerIdentityInput): Promise<OwnerIdentity> {
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
}

export function localeFromLanguageCode(code: string | undefined, fallback: Locale): Locale {
  if (!code) return fallback;
  if (code.toLowerCase().startsWith("en")) return "en";
  if (code.toLowerCase().startsWith("zh")) return "zh-CN";
  return fallback;
}
