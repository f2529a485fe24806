import { z } from "zod";

/**
 * The fees of one household (一户一档, PROCEDURES.md §3): the property fee and those collected on
 * behalf of others (代收代办费). One charge per unit, fee type and period; payments against it,
 * each with its receipt.
 */
export const feeTypes = ["property", "elevator", "lighting", "garbage", "renovation_deposit", "other"] as const;
export const FeeTypeSchema = z.enum(feeTypes);
export type FeeType = z.infer<typeof FeeTypeSchema>;

/** A billing period, `YYYY-MM`. */
export const PeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "period must be YYYY-MM");

/** A charge (应收): what a unit owes for one fee type and period, by its due date. */
export interface Charge {
  id: string;
  unitId: string;
  feeType: FeeType;
  period: string;
  amountFen: number;
  /** Local date `YYYY-MM-DD` in the property's zone. */
  dueDate: string;
  /** The sum of the payments against it. */
  paidFen: number;
  /** The owner promised to pay by this local date: reminders of this charge pause until the day after. */
  promisedBy: string | null;
  /** The complaint the owner opened disputing this charge: the ladder pauses for it until the complaint is closed. */
  disputeCaseId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A payment (实收) against one charge, recorded with its receipt. */
export interface Payment {
  id: string;
  chargeId: string;
  unitId: string;
  amountFen: number;
  paidAt: Date;
  receiptId: string;
  /** `import` (the finance file), or the staff member who recorded it in Slack. */
  recordedBy: string;
  createdAt: Date;
}

export function outstandingFen(charge: Pick<Charge, "amountFen" | "paidFen">): number {
  return Math.max(0, charge.amountFen - charge.paidFen);
}

export function isPaid(charge: Pick<Charge, "amountFen" | "paidFen">): boolean {
  return outstandingFen(charge) === 0;
}

/** The code a fee's receipt line carries (`FEE-PROPERTY`), in the price-code alphabet. */
export function feeLineCode(feeType: FeeType): string {
  return `FEE-${feeType.toUpperCase().replace(/_/g, "-")}`;
}
