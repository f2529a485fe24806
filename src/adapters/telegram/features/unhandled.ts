import { Composer } from "grammy";
import type { BotContext, OwnerBotDeps } from "../context.js";
import { describeError } from "../errors.js";
import { isVerifiedOwner, keyboardFor, ownerProfile } from "./owner-helpers.js";

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

  feature.on("message", async (ctx) => {
    const verified = isVerifiedOwner(await ownerProfile(deps, ctx));
    await ctx.reply(ctx.t(verified ? "owner:unhandled.verified" : "owner:unhandled.unverified"), { reply_markup: keyboardFor(deps, ctx, verified) });
  });

  return feature;
}
