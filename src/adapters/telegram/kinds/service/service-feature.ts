import { Composer } from "grammy";
import type { BotContext, OwnerBotDeps } from "../../context.js";
import { enterOwnerConversation } from "../../features/owner-helpers.js";
import { serviceConversationId, type ServiceStart } from "./service-conversation.js";

/**
 * `/services` and its main-menu entry enter the booking. Only a verified owner may book; anyone
 * else is told why and shown the contact button, as for a repair.
 */
export function serviceFeature(deps: OwnerBotDeps, entry: { command: string; menuKey: string }): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const startBooking = (ctx: BotContext) =>
    enterOwnerConversation(deps, ctx, serviceConversationId, (profile): ServiceStart => ({
      locale: profile.identity.locale,
      units: profile.units.map(({ unit }) => ({ unitId: unit.id, building: unit.building, unit: unit.unit })),
    }));

  feature.command(entry.command, startBooking);
  feature.hears(deps.menu.labels(entry.menuKey), startBooking);
  return feature;
}
