import { Composer } from "grammy";
import type { BotContext, OwnerBotDeps } from "../context.js";
import { inConversation, isVerifiedOwner, keyboardFor, ownerProfile } from "./owner-helpers.js";

/**
 * `/cancel` leaves whatever conversation runs in the chat, at any step. Installed before the
 * conversations: an active conversation would otherwise take the command as its answer.
 */
export function cancelFeature(deps: OwnerBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.command("cancel", async (ctx) => {
    const active = inConversation(ctx);
    if (active) await ctx.conversation.exitAll();
    ctx.logger.info({ active }, "owner cancelled");
    const verified = isVerifiedOwner(await ownerProfile(deps, ctx));
    await ctx.reply(ctx.t(active ? "owner:cancel.done" : "owner:cancel.nothing"), { reply_markup: keyboardFor(deps, ctx, verified) });
  });
  return feature;
}
