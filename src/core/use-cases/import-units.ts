import { z } from "zod";
import { locales, PhoneSchema } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { type ImportProblem, type NumberedRow, validateRows } from "./shared/import-rows.js";

export const UnitImportRowSchema = z.object({
  building: z.string().trim().min(1, "building is empty"),
  unit: z.string().trim().min(1, "unit is empty"),
  area_m2: z.coerce.number({ message: "area_m2 must be a number" }).positive("area_m2 must be positive"),
  handover_date: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "handover_date must be YYYY-MM-DD")
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), "handover_date is not a real date"),
  warranty_months: z.coerce.number({ message: "warranty_months must be a whole number" }).int("warranty_months must be a whole number").min(0),
  owner_name: z.string().trim().min(1, "owner_name is empty"),
  phone: PhoneSchema,
  language: z.enum(locales, { message: "language must be zh-CN or en" }),
});
export type UnitImportRow = z.infer<typeof UnitImportRowSchema>;

export const unitImportHeader = ["building", "unit", "area_m2", "handover_date", "warranty_months", "owner_name", "phone", "language"] as const;

/** Like the other imports' result, plus the owners a re-import removed from their units. */
export type UnitImportResult =
  | { ok: true; created: number; updated: number; removedOwners: number }
  | { ok: false; problems: ImportProblem[] };

/**
 * Imports the unit registry with each unit's owner. Every row is validated first; one bad row
 * rejects the whole file, so a half-imported registry never exists. Re-importing updates units
 * by building + unit and owners by unit + phone, and removes from every unit in the file the
 * registry owners it no longer lists (a sold flat's previous owner must lose access to it). Owners
 * the front desk approved stay: the registry never vouched for them, so its silence proves nothing.
 */
export async function importUnits(ctx: WorkflowContext, rows: NumberedRow[]): Promise<UnitImportResult> {
  const checked = validateRows(rows, UnitImportRowSchema, unitImportHeader);
  if (!checked.ok) return checked;
  return ctx.uow.transaction(async (store) => {
    let created = 0;
    const listedPhones = new Map<string, string[]>();
    for (const row of checked.rows) {
      const existing = await store.units.findByAddress(row.building, row.unit);
      const unit = await store.units.upsert({
        building: row.building,
        unit: row.unit,
        areaM2: row.area_m2,
        handoverDate: row.handover_date,
        warrantyMonths: row.warranty_months,
      });
      await store.residents.upsert({ unitId: unit.id, name: row.owner_name, phone: row.phone, locale: row.language, role: "owner", source: "registry" });
      listedPhones.set(unit.id, [...(listedPhones.get(unit.id) ?? []), row.phone]);
      if (!existing) created += 1;
    }
    let removedOwners = 0;
    for (const [unitId, phones] of listedPhones) removedOwners += await store.residents.removeRegistryOwnersExcept(unitId, phones);
    return { ok: true as const, created, updated: checked.rows.length - created, removedOwners };
  });
}
