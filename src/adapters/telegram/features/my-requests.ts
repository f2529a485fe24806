import { Composer } from "grammy";
import { listOwnerTickets } from "../../../core/use-cases/list-owner-tickets.js";
import type { BotContext, TelegramDeps } from "../context.js";
import { menuLabels } from "../keyboards.js";
import { isVerifiedOwner, ownerProfile, replyNotVerified, senderId } from "./owner-helpers.js";

const shownTickets = 10;

/** `/mine` and the menu button: the owner's latest requests with number, category and status. */
export function myRequestsFeature(deps: TelegramDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const listMine = async (ctx: BotContext) => {
    if (!isVerifiedOwner(await ownerProfile(deps, ctx))) {
      await replyNotVerified(ctx);
      return;
    }
    const tickets = await listOwnerTickets(deps.workflow, senderId(ctx), shownTickets);
    if (tickets.length === 0) {
      await ctx.reply(ctx.t("owner:mine.empty"));
      return;
    }
    const lines = tickets.map((ticket) =>
      ctx.t("owner:mine.item", {
        number: ticket.number,
        category: ctx.t(`common:category.${ticket.category}`),
        status: ctx.t(`common:status.${ticket.status}`),
        reported: { instant: ticket.createdAt.toISOString() },
      }),
    );
    await ctx.reply([ctx.t("owner:mine.title", { count: tickets.length }), ...lines].join("\n\n"));
  };

  feature.command("mine", listMine);
  feature.hears(menuLabels(deps.translator, "mine"), listMine);
  return feature;
}
