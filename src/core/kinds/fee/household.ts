import type { Charge, FeeType } from "../../domain/fees.js";
import { outstandingFen } from "../../domain/fees.js";
import { formatFen } from "../../domain/money.js";
import type { Locale, Resident } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import type { FeeCase } from "./details.js";
import { feeStandingStatuses } from "./lifecycle.js";

/** The names of the fee types (一户一档's columns), as owners and receipts read them. */
export const feeTypeNames: Record<FeeType, { zh: string; en: string }> = {
  property: { zh: "物业费", en: "Property fee" },
  elevator: { zh: "电梯费", en: "Elevator fee" },
  lighting: { zh: "公共照明费", en: "Public lighting" },
  garbage: { zh: "垃圾清运费", en: "Garbage removal" },
  renovation_deposit: { zh: "装修押金", en: "Renovation deposit" },
  other: { zh: "其他费用", en: "Other fees" },
};

export function feeTypeName(feeType: FeeType, locale: Locale): string {
  return locale === "zh-CN" ? feeTypeNames[feeType].zh : feeTypeNames[feeType].en;
}

/** A charge as a reminder lists it: period, fee type, what is left to pay, due date. */
export function chargeLine(charge: Charge, locale: Locale): string {
  const due = locale === "zh-CN" ? `截止 ${charge.dueDate}` : `due ${charge.dueDate}`;
  return `${charge.period} ${feeTypeName(charge.feeType, locale)}: ${formatFen(outstandingFen(charge))} (${due})`;
}

/** The unit's registered owner: the first by name among its residents with the role owner. */
export async function registeredOwner(store: Store, unitId: string): Promise<Resident | null> {
  const residents = await store.residents.listByUnit(unitId);
  return residents.filter((resident) => resident.role === "owner").sort((a, b) => a.name.localeCompare(b.name))[0] ?? null;
}

/** The owner's verified messaging identity, if any: who the reminders reach. */
export async function ownerIdentityOf(store: Store, owner: Resident): Promise<string | null> {
  const identities = await store.identities.findVerifiedByPhone(owner.phone);
  return identities.map((identity) => identity.ownerUserId).sort()[0] ?? null;
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
