import type { Charge } from "../../domain/fees.js";
import { outstandingFen } from "../../domain/fees.js";
import { formatFen } from "../../domain/money.js";
import type { Locale } from "../../domain/registry.js";
import { feeTypeNames } from "../../use-cases/fees/pay-charge.js";
import type { Store } from "../../ports/store.js";
import type { FeeCase } from "./details.js";
import { feeStandingStatuses } from "./lifecycle.js";

/** A charge as a reminder lists it: period, fee type, what is left to pay, due date. */
export function chargeLine(charge: Charge, locale: Locale): string {
  const due = locale === "zh-CN" ? `截止 ${charge.dueDate}` : `due ${charge.dueDate}`;
  return `${charge.period} ${locale === "zh-CN" ? feeTypeNames[charge.feeType].zh : feeTypeNames[charge.feeType].en}: ${formatFen(outstandingFen(charge))} (${due})`;
}

const fileKey = (unitId: string) => `fee.file:${unitId}`;

/** The household's standing arrears file (open, or with the legal channel), if any. */
export async function householdFeeCase(store: Store, unitId: string): Promise<FeeCase | null> {
  const caseId = await store.keyValues.get(fileKey(unitId));
  if (!caseId) return null;
  const found = await store.cases.findById(caseId);
  if (!found || found.kind !== "fee" || !(feeStandingStatuses as readonly string[]).includes(found.status)) return null;
  return found as FeeCase;
}

export async function rememberHouseholdCase(store: Store, unitId: string, caseId: string): Promise<void> {
  await store.keyValues.set(fileKey(unitId), caseId);
}

/** The file ended (settled, cancelled): the next arrears open a new one, with a new number. */
export async function forgetHouseholdCase(store: Store, unitId: string): Promise<void> {
  await store.keyValues.delete(fileKey(unitId));
}

/** Charges with something left to pay whose due date has come (`today` local): what settles the file when none is left. */
export function dueOutstanding(charges: readonly Charge[], today: string): Charge[] {
  return charges.filter((charge) => outstandingFen(charge) > 0 && charge.dueDate <= today);
}

export const sumOutstanding = (charges: readonly Charge[]): number => charges.reduce((sum, charge) => sum + outstandingFen(charge), 0);
