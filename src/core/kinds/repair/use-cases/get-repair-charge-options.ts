import type { PriceItem } from "../../../domain/prices.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { receiptOfRepair, repairPriceTeam } from "../charges.js";

export interface RepairChargeOptions {
  /** The maintenance price standard, by code: what a paid repair's items are chosen from. */
  items: PriceItem[];
  /** The receipt already issued for the repair: its rework is not charged again. Null when none. */
  receiptNumber: string | null;
}

/** What the technician's Done on a paid repair offers: the standard's items, or that the fee is already received. */
export async function getRepairChargeOptions(ctx: WorkflowContext, caseId: string): Promise<RepairChargeOptions> {
  return ctx.uow.transaction(async (store) => ({
    items: await store.prices.listByTeam(repairPriceTeam),
    receiptNumber: (await receiptOfRepair(store, { id: caseId }))?.number ?? null,
  }));
}
