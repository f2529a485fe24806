import { Composer } from "grammy";
import { shareContact } from "../../../core/use-cases/share-contact.js";
import type { BotContext, OwnerBotDeps } from "../context.js";
import { verificationConversationId, type VerificationStart } from "../conversations/verification-conversation.js";
import { isVerifiedOwner, keyboardFor, registerOwner, registerOwnerWithProfile, senderId } from "./owner-helpers.js";

/**
 * First contact and identity: `/start` greets in the owner's language (English when Telegram says
 * `en`, Chinese otherwise by default) and asks an unverified owner for their phone; a shared
 * contact verifies against the registry or starts the building/unit verification.
 */
export function onboardingFeature(deps: OwnerBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.command("start", async (ctx) => {
    const profile = await registerOwnerWithProfile(deps, ctx);
    const name = profile.identity.displayName;
    // The stored flag outlives a registry re-import that removed the owner; the profile does not.
    if (isVerifiedOwner(profile)) {
      await ctx.reply(ctx.t("owner:start.welcome_back", { name }), { reply_markup: keyboardFor(deps, ctx, true) });
      return;
    }
    await ctx.reply(ctx.t("owner:start.greeting", { name }));
    await ctx.reply(ctx.t("owner:start.verify_prompt"), { reply_markup: keyboardFor(deps, ctx, false) });
  });

  feature.on("message:contact", async (ctx) => {
    await registerOwner(deps, ctx);
    const contact = ctx.message.contact;
    // Only the sender's own card counts: the core refuses anything else (contact_not_own).
    const result = await shareContact(deps.workflow, {
      ownerUserId: senderId(ctx),
      contactUserId: contact.user_id === undefined ? undefined : String(contact.user_id),
      phone: contact.phone_number,
    });
    if (result.status === "verified") {
      ctx.logger.info("owner verified by registry phone");
      await ctx.reply(ctx.t("owner:verify.verified"), { reply_markup: deps.menu.keyboard(ctx.t) });
      return;
    }
    ctx.logger.info("owner phone not in registry; asking for the unit");
    // The contact button has done its work; the building question comes with buttons of its own.
    await ctx.reply(ctx.t("owner:verify.needs_unit"), { reply_markup: { remove_keyboard: true } });
    const start: VerificationStart = { locale: ctx.locale };
    await ctx.conversation.enter(verificationConversationId, start);
  });

  return feature;
}
