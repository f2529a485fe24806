import { z } from "zod";
import { FenSchema } from "./money.js";
import { PriceCodeSchema } from "./prices.js";

/**
 * One line of a receipt or a quote: an item of a published price standard, how much of it, and
 * what it came to. Quantities may be fractional (89.5 m², 2.5 hours); the amount is rounded to
 * the fen once, per line, and the total is the sum of the lines.
 */
export const ChargeLineSchema = z.object({
  code: PriceCodeSchema,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  quantity: z.number().positive(),
  unitPriceFen: FenSchema,
  amountFen: FenSchema,
});
export type ChargeLine = z.infer<typeof ChargeLineSchema>;

/**
 * A receipt (收据) for a fee collected: numbered `RC-YYYY-NNNNNN` from one yearly sequence shared
 * by every kind (services, paid repairs, later the fee ledger), without gaps: the number is drawn
 * in the transaction that records the fee, so a rolled-back fee frees nothing and skips nothing.
 */
export interface Receipt {
  id: string;
  number: string;
  /** The case the fee is for (a service order, a paid repair). */
  caseId: string | null;
  /** The work order, when the fee is for one visit. */
  workOrderId: string | null;
  /** A package's month (`YYYY-MM`), when the fee is a package's monthly fee. */
  period: string | null;
  unitId: string;
  /** The resident who pays. */
  payerId: string;
  lines: ChargeLine[];
  amountFen: number;
  issuedAt: Date;
}

export const receiptPrefix = "RC";

/** The receipt numbers of one year's sequence issued so far: how many, the first and last, and any number missing between them. */
export interface ReceiptNumberSpan {
  count: number;
  first: string | null;
  last: string | null;
  /** In order; at most {@link maxMissingListed} are named, `missingCount` says how many there are. */
  missing: string[];
  missingCount: number;
}

export const maxMissingListed = 50;

/** The sequence number of `RC-2026-000042`: 42. */
function sequenceOf(number: string): number {
  return Number(number.slice(number.lastIndexOf("-") + 1));
}

/** The span of a year's numbers (`RC-2026-000001`…), given in ascending order. */
export function receiptNumberSpan(numbers: readonly string[]): ReceiptNumberSpan {
  const first = numbers[0] ?? null;
  const last = numbers[numbers.length - 1] ?? null;
  const missing: string[] = [];
  let missingCount = 0;
  for (let index = 1; index < numbers.length; index += 1) {
    const before = sequenceOf(numbers[index - 1]!);
    const after = sequenceOf(numbers[index]!);
    const stem = numbers[index]!.slice(0, numbers[index]!.lastIndexOf("-") + 1);
    for (let sequence = before + 1; sequence < after; sequence += 1) {
      missingCount += 1;
      if (missing.length < maxMissingListed) missing.push(`${stem}${String(sequence).padStart(6, "0")}`);
    }
  }
  return { count: numbers.length, first, last, missing, missingCount };
}

/** Whether a span's first and last numbers are as far apart as its count says: no number is missing. */
export function spanIsWhole(count: number, first: string | null, last: string | null): boolean {
  return first === null || last === null || sequenceOf(last) - sequenceOf(first) + 1 === count;
}

/** The total of charge lines, in fen. */
export function totalFen(lines: readonly Pick<ChargeLine, "amountFen">[]): number {
  return lines.reduce((sum, line) => sum + line.amountFen, 0);
}

/** A line's amount: the quantity times the unit price, rounded to the fen (half up). */
export function lineAmountFen(quantity: number, unitPriceFen: number): number {
  // Quantities carry at most two decimals: scale to integers before multiplying, so 89.5 × ¥8.00 is exactly 71600 fen.
  const hundredths = Math.round(quantity * 100);
  return Math.floor((hundredths * unitPriceFen + 50) / 100);
}
