import type { CaseKind } from "../../case/kind.js";
import { recordEvent, transitionCase } from "../../case/machinery/changes.js";
import { localDate } from "../../domain/deadline.js";
import type { Store } from "../../ports/store.js";
import type { FeeCase } from "./details.js";
import { systemActor } from "./fee-steps.js";
import { dueOutstanding, forgetHouseholdCase, householdFeeCase } from "./household.js";

/**
 * Settles the household's file when it owes nothing that is due (the local date of `now`): its
 * ladder stops at once; later arrears open a new file with a new number. Returns the settled
 * case, or null when there is none or something is still due.
 */
export async function settleHousehold(store: Store, kind: CaseKind, unitId: string, now: Date, timeZone: string): Promise<FeeCase | null> {
  const subject = await householdFeeCase(store, unitId);
  if (!subject) return null;
  if (dueOutstanding(await store.charges.listByUnit(unitId), localDate(now, timeZone)).length > 0) return null;
  const settled = await transitionCase(store, kind, subject, { action: "settle", event: "settled", actor: systemActor, at: now, header: { closedAt: now } });
  await forgetHouseholdCase(store, unitId);
  return settled;
}

/** A payment's evidence on the household's file: the receipt and what it paid. */
export async function recordPaymentEvent(store: Store, subject: FeeCase, at: Date, data: Record<string, unknown>): Promise<void> {
  await recordEvent(store, subject, { type: "payment_recorded", actor: systemActor, at, data });
}
