import { z } from "zod";
import { type Charge, feeTypes, PeriodSchema } from "../../domain/fees.js";
import { formatFen, yuanColumn } from "../../domain/money.js";
import { maxPriceFen } from "../../domain/prices.js";
import type { Unit } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import { newId, type WorkflowContext } from "../../ports/workflow-context.js";
import { checkRows, type ImportProblem, type ImportResult, localDateColumn, type NumberedRow, type UniqueKey } from "../shared/import-rows.js";

/** The fee type column, with the list in its error. */
export const feeTypeColumn = z.string().trim().pipe(z.enum(feeTypes, { message: `fee_type must be one of ${feeTypes.join(", ")}` }));

/** The period column, `YYYY-MM`. */
export const periodColumn = z.string().trim().pipe(PeriodSchema);

/** An amount of a fee or payment: yuan with at most 2 decimals, more than 0, within what a row holds. */
export function feeAmountColumn(column: string) {
  return yuanColumn(column).pipe(z.number().positive(`${column} must be more than 0`).max(maxPriceFen, `${column} is more than ¥21,474,836.47`));
}

/** The columns that name a charge and an amount, which the fees and the payments files share. */
export const ChargeRowSchema = z.object({
  building: z.string().trim().min(1, "building is empty"),
  unit: z.string().trim().min(1, "unit is empty"),
  fee_type: feeTypeColumn,
  period: periodColumn,
  amount: feeAmountColumn("amount"),
});

export const FeeImportRowSchema = ChargeRowSchema.extend({ due_date: localDateColumn("due_date") });
export type FeeImportRow = z.infer<typeof FeeImportRowSchema>;

export const feeImportHeader = ["building", "unit", "fee_type", "period", "amount", "due_date"] as const;

/** One row per charge: a second one would silently replace the first's amount. */
const feeRowKey: UniqueKey<FeeImportRow> = {
  key: (row) => `${row.building}\u0000${row.unit}\u0000${row.fee_type}\u0000${row.period}`,
  describe: (row) => `the ${row.fee_type} fee of ${row.period} for unit ${row.building}-${row.unit}`,
};

/** The register's units of the rows, looked up once per address; a row of an unknown unit is a problem of its line. */
export async function unitsOfRows<T extends { building: string; unit: string }>(
  store: Store,
  rows: readonly { line: number; row: T }[],
): Promise<{ units: Map<string, Unit>; problems: ImportProblem[] }> {
  const units = new Map<string, Unit>();
  const unknown = new Set<string>();
  const problems: ImportProblem[] = [];
  for (const { line, row } of rows) {
    const address = `${row.building}\u0000${row.unit}`;
    if (!units.has(address) && !unknown.has(address)) {
      const unit = await store.units.findByAddress(row.building, row.unit);
      if (unit) units.set(address, unit);
      else unknown.add(address);
    }
    if (unknown.has(address)) problems.push({ line, reason: `unit ${row.building}-${row.unit} is not in the unit registry` });
  }
  return { units, problems };
}

/**
 * Imports the charges of the finance office's file (应收): all or nothing like the other imports.
 * Re-importing updates a charge's amount and due date by unit, fee type and period; what was paid
 * against it stays, so an amount below what is already paid is refused.
 */
export async function importFees(ctx: WorkflowContext, rows: NumberedRow[]): Promise<ImportResult> {
  const checked = checkRows(rows, FeeImportRowSchema, feeImportHeader, feeRowKey);
  if (checked.columnsMissing) return { ok: false, problems: checked.problems };
  const now = ctx.time.now();
  return ctx.uow.transaction(async (store) => {
    const { units, problems } = await unitsOfRows(store, checked.rows);
    problems.push(...checked.problems);
    const existing = new Map<string, Charge[]>();
    const charges: Charge[] = [];
    for (const { line, row } of checked.rows) {
      const unit = units.get(`${row.building}\u0000${row.unit}`);
      if (!unit) continue;
      if (!existing.has(unit.id)) existing.set(unit.id, await store.charges.listByUnit(unit.id));
      const stored = existing.get(unit.id)?.find((charge) => charge.feeType === row.fee_type && charge.period === row.period);
      if (stored && row.amount < stored.paidFen) {
        problems.push({ line, reason: `amount ${formatFen(row.amount)} is less than the ${formatFen(stored.paidFen)} already paid of the ${row.fee_type} fee of ${row.period}` });
        continue;
      }
      charges.push({ id: newId(), unitId: unit.id, feeType: row.fee_type, period: row.period, amountFen: row.amount, dueDate: row.due_date, paidFen: 0, promisedBy: null, disputeCaseId: null, createdAt: now, updatedAt: now });
    }
    if (problems.length > 0) return { ok: false as const, problems: problems.sort((a, b) => a.line - b.line) };
    const stored = await store.charges.upsertMany(charges);
    const created = stored.filter((entry) => entry.created).length;
    return { ok: true as const, created, updated: stored.length - created };
  });
}
