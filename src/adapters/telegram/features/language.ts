import { Composer } from "grammy";
import { setOwnerLanguage } from "../../../core/use-cases/set-owner-language.js";
import { decodeCallbackData } from "../callback-data.js";
import type { BotContext, OwnerBotDeps } from "../context.js";
import { describeError } from "../errors.js";
import { languageKeyboard } from "../keyboards.js";
import { keyboardFor, registerOwner, senderId } from "./owner-helpers.js";

/** `/language` (and the menu button): Chinese or English for everything the bot says afterwards. */
export function languageFeature(deps: OwnerBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const offer = async (ctx: BotContext) => {
    await ctx.reply(ctx.t("owner:language.prompt"), { reply_markup: languageKeyboard(ctx.t) });
  };
  feature.command("language", offer);
  feature.hears(deps.menu.labels("owner:menu.language"), offer);

  feature.on("callback_query:data", async (ctx, next) => {
    const data = decodeCallbackData(ctx.callbackQuery.data);
    if (data?.type !== "language") return next();
    await registerOwner(deps, ctx);
    const identity = await setOwnerLanguage(deps.workflow, { ownerUserId: senderId(ctx), locale: data.locale });
    ctx.locale = identity.locale;
    await ctx.answerCallbackQuery();
    const changed = ctx.t("owner:language.changed");
    // The prompt may be gone (deleted by the owner, or too old to edit): the owner still reads the change.
    await ctx.editMessageText(changed).catch(async (error: unknown) => {
      ctx.logger.warn({ error: describeError(error) }, "could not edit the language prompt; the change is sent instead");
      await ctx.reply(changed);
    });
    // Reply keyboards cannot be edited; a new message brings the menu in the new language.
    await ctx.reply(ctx.t("owner:menu.hint"), { reply_markup: keyboardFor(deps, ctx, identity.verified) });
  });

  return feature;
}
