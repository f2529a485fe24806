import { Composer } from "grammy";
import { listOwnerCases } from "../../../core/use-cases/list-owner-cases.js";
import type { BotContext, OwnerBotDeps } from "../context.js";
import { isVerifiedOwner, ownerProfile, replyNotVerified, senderId } from "./owner-helpers.js";

const shownCases = 10;

/**
 * `/mine` and the menu entry: the owner's latest requests of every kind the bot offers, each
 * with its number, what it is about and its status as the kind's module words them.
 */
export function myRequestsFeature(deps: OwnerBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const modules = new Map(deps.kinds.map((module) => [module.kind, module]));

  const listMine = async (ctx: BotContext) => {
    if (!isVerifiedOwner(await ownerProfile(deps, ctx))) {
      await replyNotVerified(ctx);
      return;
    }
    const cases = await listOwnerCases(deps.workflow, senderId(ctx), shownCases);
    // A case of a kind this bot does not offer (filed at the counter) has no wording here.
    const lines = cases.flatMap((subject) => {
      const module = modules.get(subject.kind);
      if (!module) return [];
      const { label, status } = module.listItem(subject, ctx.t);
      return [ctx.t("owner:mine.item", { number: subject.number, category: label, status, reported: { instant: subject.createdAt.toISOString() } })];
    });
    if (lines.length === 0) {
      await ctx.reply(ctx.t("owner:mine.empty"));
      return;
    }
    await ctx.reply([ctx.t("owner:mine.title", { count: lines.length }), ...lines].join("\n\n"));
  };

  feature.command("mine", listMine);
  feature.hears(deps.menu.labels("owner:menu.mine"), listMine);
  return feature;
}
