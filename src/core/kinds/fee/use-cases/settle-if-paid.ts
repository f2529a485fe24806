import { transitionCase } from "../../../case/machinery/changes.js";
import { localDate } from "../../../domain/deadline.js";
import type { Store } from "../../../ports/store.js";
import type { FeeCase } from "../details.js";
import { systemActor } from "../fee-steps.js";
import { dueOutstanding, forgetHouseholdCase, householdFeeCase } from "../household.js";
import { feeKind } from "../kind.js";

/** The property's zone when the caller names none (`FRONTDESK_TIMEZONE`'s default). */
const defaultTimeZone = "Asia/Shanghai";

/**
 * After a payment, in its transaction: when the household owes nothing that is due (local
 * date of `now`), its file is settled at once and its ladder stops; later arrears open a new file
 * with a new number. Returns the settled case, or null when there is none or something is still due.
 */
export async function settleIfPaid(store: Store, unitId: string, now: Date, timeZone: string = defaultTimeZone): Promise<FeeCase | null> {
  const subject = await householdFeeCase(store, unitId);
  if (!subject) return null;
  const charges = await store.charges.listByUnit(unitId);
  if (dueOutstanding(charges, localDate(now, timeZone)).length > 0) return null;
  const settled = await transitionCase(store, feeKind, subject, { action: "settle", event: "settled", actor: systemActor, at: now, header: { closedAt: now } });
  await forgetHouseholdCase(store, unitId);
  return settled;
}
