import type { PriceItem, PriceTeam } from "../domain/prices.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

/** A team's published price standard, by code: what its leader quotes from. */
export async function listPriceStandard(ctx: WorkflowContext, team: PriceTeam): Promise<PriceItem[]> {
  return ctx.uow.transaction((store) => store.prices.listByTeam(team));
}
