import { z } from "zod";
import { locales, PhoneSchema } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { type ImportProblem, localDateColumn, type NumberedRow, type UniqueKey, validateRows } from "./shared/import-rows.js";

export const UnitImportRowSchema = z.object({
  building: z.string().trim().min(1, "building is empty"),
  unit: z.string().trim().min(1, "unit is empty"),
  area_m2: z.coerce.number({ message: "area_m2 must be a number" }).positive("area_m2 must be positive"),
  handover_date: localDateColumn("handover_date"),
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
 * Within one file a unit's owner (unit + phone) appears once, and the rows of a unit's co-owners
 * agree about the unit: otherwise the later row would silently win, and the warranty decides
 * whether repairs are free or paid.
 */
const unitRowKey: UniqueKey<UnitImportRow> = {
  key: (row) => `${row.building}\u0000${row.unit}\u0000${row.phone}`,
  describe: (row) => `unit ${row.building}-${row.unit} with owner phone ${row.phone}`,
  group: {
    of: (row) => `${row.building}\u0000${row.unit}`,
    conflict(first, later) {
      const differing = (["area_m2", "handover_date", "warranty_months"] as const).filter((column) => first[column] !== later[column]);
      return differing.length === 0 ? null : `unit ${later.building}-${later.unit} is listed again with another ${differing.join(", ")}`;
    },
  },
};

/**
 * Imports the unit registry with each unit's owners (co-owners on rows of their own). Every row
 * is validated first; one bad row, or a unit listed twice in disagreement, rejects the whole
 * file, so a half-imported registry never exists. Re-importing updates units by building + unit
 * and owners by unit + phone, and removes from every unit in the file the registry owners it no
 * longer lists (a sold flat's previous owner must lose access to it). Owners the front desk
 * approved stay: the registry never vouched for them, so its silence proves nothing. The writes
 * go in batches inside one transaction, so a registry of tens of thousands of units imports in
 * seconds and still all or nothing. `created` and `updated` count units.
 */
export async function importUnits(ctx: WorkflowContext, rows: NumberedRow[]): Promise<UnitImportResult> {
  const checked = validateRows(rows, UnitImportRowSchema, unitImportHeader, unitRowKey);
  if (!checked.ok) return checked;
  const units = new Map<string, UnitImportRow>();
  for (const { row } of checked.rows) units.set(`${row.building}\u0000${row.unit}`, row);
  return ctx.uow.transaction(async (store) => {
    const stored = await store.units.upsertMany(
      [...units.values()].map((row) => ({ building: row.building, unit: row.unit, areaM2: row.area_m2, handoverDate: row.handover_date, warrantyMonths: row.warranty_months })),
    );
    const unitIds = new Map(stored.map(({ unit }) => [`${unit.building}\u0000${unit.unit}`, unit.id]));
    const unitIdOf = (row: UnitImportRow) => unitIds.get(`${row.building}\u0000${row.unit}`) as string;
    const createdIds = new Set(stored.filter((entry) => entry.created).map((entry) => entry.unit.id));
    const owners = checked.rows.map(({ row }) => ({ unitId: unitIdOf(row), name: row.owner_name, phone: row.phone, locale: row.language, role: "owner" as const, source: "registry" as const }));
    // A unit created just now has no residents yet: its owners need no lookup and none departed.
    await store.residents.insertMany(owners.filter((owner) => createdIds.has(owner.unitId)));
    await store.residents.upsertMany(owners.filter((owner) => !createdIds.has(owner.unitId)));
    const listedPhones = new Map<string, string[]>();
    for (const owner of owners) if (!createdIds.has(owner.unitId)) listedPhones.set(owner.unitId, [...(listedPhones.get(owner.unitId) ?? []), owner.phone]);
    const removedOwners = await store.residents.removeRegistryOwnersExceptMany(listedPhones);
    const created = stored.filter((entry) => entry.created).length;
    return { ok: true as const, created, updated: stored.length - created, removedOwners };
  });
}
