import { Composer } from "grammy";
import type { BotContext, OwnerBotDeps } from "../../context.js";

/** `/fees` and its menu entry. */
export function feesOverviewFeature(deps: OwnerBotDeps, entry: { command: string; menuKey: string }): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  void deps;
  void entry;
  return feature;
}
