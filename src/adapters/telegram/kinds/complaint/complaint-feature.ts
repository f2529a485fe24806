import { Composer } from "grammy";
import type { BotContext, OwnerBotDeps } from "../../context.js";
import { enterOwnerConversation } from "../../features/owner-helpers.js";
import { complaintConversationId, type ComplaintStart } from "./complaint-conversation.js";

/**
 * `/complain` and its main-menu entry enter the complaint conversation. Only a verified owner may
 * complain here; anyone else is told why and shown the contact button, as for a repair.
 */
export function complaintFeature(deps: OwnerBotDeps, entry: { command: string; menuKey: string }): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  const startComplaint = (ctx: BotContext) =>
    enterOwnerConversation(deps, ctx, complaintConversationId, (profile): ComplaintStart => ({
      locale: profile.identity.locale,
      units: profile.units.map(({ unit }) => ({ unitId: unit.id, building: unit.building, unit: unit.unit })),
    }));

  feature.command(entry.command, startComplaint);
  feature.hears(deps.menu.labels(entry.menuKey), startComplaint);
  return feature;
}
