import { Composer } from "grammy";
import type { Locale } from "../../../core/domain/registry.js";
import type { OwnerProfile } from "../../../core/use-cases/get-owner-profile.js";
import type { BotContext, OwnerBotDeps } from "../context.js";
import type { OwnerUnitChoice } from "../conversations/steps/location.js";
import { enterOwnerConversation } from "./owner-helpers.js";

/** What an intake that asks for one of the owner's units receives at enter (persisted as JSON). */
export interface OwnUnitsStart {
  locale: Locale;
  units: Pick<OwnerUnitChoice, "unitId" | "building" | "unit">[];
}

/** The owner's language and units, as {@link OwnUnitsStart}. */
export function ownUnitsStart(profile: OwnerProfile): OwnUnitsStart {
  return { locale: profile.identity.locale, units: profile.units.map(({ unit }) => ({ unitId: unit.id, building: unit.building, unit: unit.unit })) };
}

/**
 * A kind's command and its main-menu entry, both entering its intake with the owner's language
 * and units. Only a verified owner gets in; anyone else is told why and shown the contact button.
 */
export function intakeEntryFeature(deps: OwnerBotDeps, entry: { command: string; menuKey: string }, conversationId: string): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const enter = (ctx: BotContext) => enterOwnerConversation(deps, ctx, conversationId, ownUnitsStart);
  feature.command(entry.command, enter);
  feature.hears(deps.menu.labels(entry.menuKey), enter);
  return feature;
}
