import { Composer } from "grammy";
import type { BotContext, TelegramDeps } from "../context.js";
import { repairConversationId, type RepairStart } from "../conversations/repair-conversation.js";
import { menuLabels } from "../keyboards.js";
import { inConversation, isVerifiedOwner, ownerProfile, replyNotVerified } from "./owner-helpers.js";

/**
 * `/repair` and the main-menu button enter the repair conversation. Only a verified owner may
 * report; anyone else is told why and shown the contact button.
 */
export function repairFeature(deps: TelegramDeps): Composer<BotContext> {
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

  feature.command("repair", startRepair);
  feature.hears(menuLabels(deps.translator, "repair"), startRepair);
  return feature;
}
