import { Composer } from "grammy";
import type { BotContext, OwnerBotDeps } from "../../context.js";
import { describeError } from "../../errors.js";
import { reportFreeTextData, takeFreeText } from "../../features/free-text.js";
import { enterOwnerConversation, senderId } from "../../features/owner-helpers.js";
import { repairFields } from "./repair-steps.js";
import { repairConversationId, type RepairStart } from "./repair-conversation.js";

/**
 * `/repair` and its main-menu entry enter the repair conversation. Only a verified owner may
 * report; anyone else is told why and shown the contact button.
 */
export function repairFeature(deps: OwnerBotDeps, entry: { command: string; menuKey: string }): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const startRepair = (ctx: BotContext, description?: string) =>
    enterOwnerConversation(deps, ctx, repairConversationId, (profile): RepairStart => ({
      locale: profile.identity.locale,
      units: profile.units.map(({ unit, inWarranty }) => ({ unitId: unit.id, building: unit.building, unit: unit.unit, inWarranty })),
      ...(description !== undefined ? { description } : {}),
    }));

  feature.command(entry.command, (ctx) => startRepair(ctx));
  feature.hears(deps.menu.labels(entry.menuKey), (ctx) => startRepair(ctx));
  // The offer under free text: the owner's words become the description, so it is not asked again.
  feature.callbackQuery(reportFreeTextData, async (ctx) => {
    const text = await takeFreeText(deps, senderId(ctx));
    await ctx.answerCallbackQuery(text === null ? { text: ctx.t("owner:buttons.expired") } : {});
    await ctx.editMessageReplyMarkup().catch((error: unknown) => ctx.logger.debug({ error: describeError(error) }, "offer keyboard could not be removed"));
    if (text === null) return;
    const parsed = repairFields.description.safeParse(text);
    await startRepair(ctx, parsed.success ? parsed.data : undefined);
  });
  return feature;
}
