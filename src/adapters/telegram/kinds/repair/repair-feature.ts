import { Composer } from "grammy";
import type { BotContext, OwnerBotDeps } from "../../context.js";
import { inConversation, isVerifiedOwner, ownerProfile, replyNotVerified } from "../../features/owner-helpers.js";
import { repairConversationId, type RepairStart } from "./repair-conversation.js";

/**
 * `/repair` and its main-menu entry enter the repair conversation. Only a verified owner may
 * report; anyone else is told why and shown the contact button.
 */
export function repairFeature(deps: OwnerBotDeps, entry: { command: string; menuKey: string }): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const startRepair = async (ctx: BotContext) => {
    if (inConversation(ctx)) {
      await ctx.reply(ctx.t("owner:report.already_active"));
      return;
    }
    const profile = await ownerProfile(deps, ctx);
    if (!isVerifiedOwner(profile)) {
      await replyNotVerified(ctx);
      return;
    }
    const start: RepairStart = {
      locale: profile.identity.locale,
      units: profile.units.map(({ unit, inWarranty }) => ({ unitId: unit.id, building: unit.building, unit: unit.unit, inWarranty })),
    };
    await ctx.conversation.enter(repairConversationId, start);
  };

  feature.command(entry.command, startRepair);
  feature.hears(deps.menu.labels(entry.menuKey), startRepair);
  return feature;
}
