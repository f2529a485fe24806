import { Composer } from "grammy";
import type { BotContext, OwnerBotDeps } from "../context.js";
import { describeError } from "../errors.js";
import { offerRepair, warnIfUrgent } from "./free-text.js";
import { isVerifiedOwner, keyboardFor, ownerProfile, senderId } from "./owner-helpers.js";

/**
 * Installed last: whatever no feature took gets a helpful answer instead of silence - a button
 * from an old message is answered as expired (and loses its keyboard), any other message gets
 * the menu (or, for an unverified owner, the way to verify).
 */
export function unhandledFeature(deps: OwnerBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.on("callback_query", async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t("owner:buttons.expired") });
    try {
      await ctx.editMessageReplyMarkup();
    } catch (error) {
      ctx.logger.debug({ error: describeError(error) }, "stale keyboard could not be removed");
    }
  });

  // Free text is usually a request in the owner's own words ("我家水管爆了快来人"): offer to report
  // it rather than answer "not understood", and put the emergency number first when it sounds urgent.
  feature.on("message:text", async (ctx, next) => {
    const text = ctx.message.text.trim();
    if (text.startsWith("/") || deps.menu.isLabel(text)) return next();
    await warnIfUrgent(deps, ctx, text);
    const profile = await ownerProfile(deps, ctx);
    if (!isVerifiedOwner(profile)) return next();
    await offerRepair(deps, ctx, senderId(ctx), text);
  });

  feature.on("message", async (ctx) => {
    const verified = isVerifiedOwner(await ownerProfile(deps, ctx));
    await ctx.reply(ctx.t(verified ? "owner:unhandled.verified" : "owner:unhandled.unverified"), { reply_markup: keyboardFor(deps, ctx, verified) });
  });

  return feature;
}
