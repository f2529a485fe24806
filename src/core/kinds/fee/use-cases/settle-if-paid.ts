import type { Store } from "../../../ports/store.js";
import type { FeeCase } from "../details.js";
import { feeKind } from "../kind.js";
import { settleHousehold } from "../settle.js";

/**
 * After a payment, in its transaction: when the household owes nothing that is due, its file is
 * settled at once and its ladder stops. Returns the settled case, or null when there is none or
 * something is still due. Payments reach it through the fee kind's ledger hooks.
 */
export function settleIfPaid(store: Store, unitId: string, now: Date, timeZone: string): Promise<FeeCase | null> {
  return settleHousehold(store, feeKind, unitId, now, timeZone);
}
