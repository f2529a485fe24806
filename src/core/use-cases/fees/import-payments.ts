import { DateTime } from "luxon";
import { z } from "zod";
import { type Charge, outstandingFen } from "../../domain/fees.js";
import { formatFen } from "../../domain/money.js";
import type { WorkflowContext } from "../../ports/workflow-context.js";
import { type CheckedRow, checkRows, type ImportProblem, type ImportResult, type NumberedRow } from "../shared/import-rows.js";
import { ChargeRowSchema, unitsOfRows } from "./import-fees.js";
import { householdOf, issuedReceiptNumber, ledgerOf, type PaidItem, payCharge } from "./pay-charge.js";

/** `YYYY-MM-DD` (the start of that day in the property's zone) or an instant with its offset. */
const paidAtPattern = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:?\d{2}))?$/i;

export const PaymentImportRowSchema = ChargeRowSchema.extend({
  paid_at: z.string().trim().regex(paidAtPattern, "paid_at must be YYYY-MM-DD or an instant with its offset, such as 2026-12-02T10:30:00+08:00"),
  receipt_number: z.string().trim().max(32, "receipt_number is longer than 32 characters"),
});
export type PaymentImportRow = z.infer<typeof PaymentImportRowSchema>;

export const paymentImportHeader = ["building", "unit", "fee_type", "period", "amount", "paid_at", "receipt_number"] as const;

/** When a payment of the file was made, or null for a date or instant that does not exist. */
export function paidAtInstant(text: string, timeZone: string): Date | null {
  const at = text.length === 10 ? DateTime.fromISO(text, { zone: timeZone }) : DateTime.fromISO(text.replace(" ", "T"), { setZone: true });
  return at.isValid ? at.toJSDate() : null;
}

/** Rows paid with one receipt: those sharing a receipt number, or a row of its own when it has none. */
interface ReceiptGroup {
  rows: CheckedRow<PaymentImportRow>[];
  paidAt: Date;
}

const chargeName = (row: PaymentImportRow) => `the ${row.fee_type} fee of ${row.period}`;

/**
 * Imports the payments of the finance office's file (实收), all or nothing like the other
 * imports: every line is checked first, the payments it would record one after another (a charge
 * paid on two lines must not be paid more than once over), and one bad line imports nothing.
 * Rows with the same receipt number are one receipt (one unit, one instant); a row without one
 * gets the next `RC-` number. Each receipt is recorded through {@link payCharge}, as the front
 * desk's payments are, so the owner gets it and a settled household's reminders stop.
 */
export async function importPayments(ctx: WorkflowContext, rows: NumberedRow[]): Promise<ImportResult> {
  const checked = checkRows(rows, PaymentImportRowSchema, paymentImportHeader);
  if (checked.columnsMissing) return { ok: false, problems: checked.problems };
  const now = ctx.time.now();
  const problems: ImportProblem[] = [...checked.problems];
  const groups = new Map<string, ReceiptGroup>();
  for (const entry of checked.rows) {
    const { line, row } = entry;
    const paidAt = paidAtInstant(row.paid_at, ctx.timeZone);
    if (!paidAt) {
      problems.push({ line, reason: `paid_at ${row.paid_at} is not a real date` });
      continue;
    }
    if (paidAt.getTime() > now.getTime()) {
      problems.push({ line, reason: `paid_at ${row.paid_at} is later than now` });
      continue;
    }
    if (!row.receipt_number) {
      groups.set(`\u0000line ${line}`, { rows: [entry], paidAt });
      continue;
    }
    const group = groups.get(row.receipt_number);
    const head = group?.rows[0];
    if (!group || !head) groups.set(row.receipt_number, { rows: [entry], paidAt });
    else if (head.row.building !== row.building || head.row.unit !== row.unit) problems.push({ line, reason: `receipt ${row.receipt_number} is for unit ${head.row.building}-${head.row.unit} on line ${head.line}` });
    else if (group.paidAt.getTime() !== paidAt.getTime()) problems.push({ line, reason: `receipt ${row.receipt_number} is paid at ${head.row.paid_at} on line ${head.line}` });
    else if (group.rows.some((other) => other.row.fee_type === row.fee_type && other.row.period === row.period)) problems.push({ line, reason: `${chargeName(row)} is on receipt ${row.receipt_number} twice` });
    else group.rows.push(entry);
  }
  const ledger = ledgerOf(ctx.kinds);
  const result = await ctx.uow.transaction(async (store) => {
    const found = await unitsOfRows(store, checked.rows);
    problems.push(...found.problems);
    const charges = new Map<string, Charge | null>();
    for (const [number, group] of groups) {
      const head = group.rows[0] as CheckedRow<PaymentImportRow>;
      const unit = found.units.get(`${head.row.building}\u0000${head.row.unit}`);
      if (!unit) continue;
      if (!(await householdOf(store, unit.id))) problems.push({ line: head.line, reason: `unit ${head.row.building}-${head.row.unit} has no registered owner to receipt the payment to` });
      if (head.row.receipt_number && ((await store.receipts.findByNumber(number)) || issuedReceiptNumber.test(number))) {
        problems.push({ line: head.line, reason: `receipt_number ${number} is already used${issuedReceiptNumber.test(number) ? " (RC- numbers are issued here; leave receipt_number empty to take the next)" : ""}` });
      }
      for (const { line, row } of group.rows) {
        const key = `${unit.id}\u0000${row.fee_type}\u0000${row.period}`;
        if (!charges.has(key)) charges.set(key, await store.charges.findByKey(unit.id, row.fee_type, row.period));
        const charge = charges.get(key);
        if (!charge) {
          problems.push({ line, reason: `unit ${row.building}-${row.unit} has no charge for ${chargeName(row)}` });
          continue;
        }
        const outstanding = outstandingFen(charge);
        if (row.amount > outstanding) {
          problems.push({ line, reason: `amount ${formatFen(row.amount)} is more than the ${formatFen(outstanding)} outstanding of ${chargeName(row)}` });
          continue;
        }
        // The lines after this one find the charge as this one leaves it.
        charges.set(key, { ...charge, paidFen: charge.paidFen + row.amount });
      }
    }
    if (problems.length > 0) return { ok: false as const, problems: problems.sort((a, b) => a.line - b.line) };
    let created = 0;
    for (const [, group] of [...groups].sort(([, a], [, b]) => (a.rows[0]?.line ?? 0) - (b.rows[0]?.line ?? 0))) {
      const head = group.rows[0] as CheckedRow<PaymentImportRow>;
      const unit = found.units.get(`${head.row.building}\u0000${head.row.unit}`);
      if (!unit) continue;
      const items: PaidItem[] = group.rows.map(({ row }) => ({ feeType: row.fee_type, period: row.period, amountFen: row.amount }));
      const outcome = await payCharge(store, { unitId: unit.id, items, paidAt: group.paidAt, recordedBy: "import", receiptNumber: head.row.receipt_number || null }, { now, timeZone: ctx.timeZone, ledger });
      created += outcome.payments.length;
    }
    return { ok: true as const, created, updated: 0 };
  });
  if (result.ok) ctx.onOutboxWritten?.();
  return result;
}
