import type { Keyboard } from "grammy";
import type { User } from "grammy/types";
import type { OwnerIdentity } from "../../../core/domain/registry.js";
import { getOwnerProfile, type OwnerProfile } from "../../../core/use-cases/get-owner-profile.js";
import { registerOwnerIdentity, registerOwnerWithProfile as registerOwnerWithProfileInCore } from "../../../core/use-cases/register-owner-identity.js";
import type { BotContext, OwnerBotDeps, TelegramDeps } from "../context.js";
import { contactKeyboard } from "../keyboards.js";

/** How staff will see the owner before their registry name is known. */
export function displayNameOf(user: User): string {
  return [user.first_name, user.last_name].filter(Boolean).join(" ");
}

/** The sender as a Telegram user id string, as the core keys identities. */
export function senderId(ctx: BotContext): string {
  if (!ctx.from) throw new Error("owner features only handle updates with a sender");
  return String(ctx.from.id);
}

/**
 * Makes sure the core knows this chat (an owner may press a button before ever sending /start,
 * e.g. after the database was restored) and adopts the stored language for the rest of the update.
 */
export async function registerOwner(deps: TelegramDeps, ctx: BotContext): Promise<OwnerIdentity> {
  if (!ctx.from || ctx.chatId === undefined) throw new Error("owner features only handle private chats");
  const identity = await registerOwnerIdentity(deps.workflow, {
    ownerUserId: String(ctx.from.id),
    chatId: String(ctx.chatId),
    displayName: displayNameOf(ctx.from),
    languageCode: ctx.from.language_code,
    defaultLocale: deps.defaultLocale,
  });
  ctx.locale = identity.locale;
  return identity;
}

/**
 * {@link registerOwner} and then {@link ownerProfile}, in one transaction: what `/start` needs.
 * Adopts the stored language as `registerOwner` does.
 */
export async function registerOwnerWithProfile(deps: TelegramDeps, ctx: BotContext): Promise<OwnerProfile> {
  if (!ctx.from || ctx.chatId === undefined) throw new Error("owner features only handle private chats");
  const profile = await registerOwnerWithProfileInCore(deps.workflow, {
    ownerUserId: String(ctx.from.id),
    chatId: String(ctx.chatId),
    displayName: displayNameOf(ctx.from),
    languageCode: ctx.from.language_code,
    defaultLocale: deps.defaultLocale,
  });
  ctx.locale = profile.identity.locale;
  return profile;
}

/** The sender's identity and verified units (null before their first /start). */
export function ownerProfile(deps: TelegramDeps, ctx: BotContext): Promise<OwnerProfile | null> {
  return getOwnerProfile(deps.workflow, senderId(ctx));
}

/** A verified owner with at least one unit may file requests. */
export function isVerifiedOwner(profile: OwnerProfile | null): profile is OwnerProfile {
  return profile !== null && profile.identity.verified && profile.units.length > 0;
}

/** The keyboard an owner should see now: the main menu once verified, else the contact button. */
export function keyboardFor(deps: OwnerBotDeps, ctx: BotContext, verified: boolean): Keyboard {
  return verified ? deps.menu.keyboard(ctx.t) : contactKeyboard(ctx.t);
}

/** Refuses a request from an unverified owner with the reason and the way out (the contact button). */
export async function replyNotVerified(ctx: BotContext): Promise<void> {
  await ctx.reply(ctx.t("common:errors.not_verified"), { reply_markup: contactKeyboard(ctx.t) });
}

/** True when any conversation is running in this chat; entering another would throw. */
export function inConversation(ctx: BotContext): boolean {
  return Object.keys(ctx.conversation.active()).length > 0;
}

/**
 * How every kind's command starts its intake: not while another conversation runs, and only for
 * a verified owner (anyone else is told why and shown the contact button); then the kind's
 * conversation is entered with what `start` builds from the owner's profile.
 */
export async function enterOwnerConversation<S>(deps: TelegramDeps, ctx: BotContext, conversationId: string, start: (profile: OwnerProfile) => S): Promise<void> {
  if (inConversation(ctx)) {
    await ctx.reply(ctx.t("owner:report.already_active"));
    return;
  }
  const profile = await ownerProfile(deps, ctx);
  if (!isVerifiedOwner(profile)) {
    await replyNotVerified(ctx);
    return;
  }
  await ctx.conversation.enter(conversationId, start(profile));
}
