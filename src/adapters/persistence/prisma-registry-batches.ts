import { randomUUID } from "node:crypto";
import type { NewResident, NewUnit } from "../../core/ports/store.js";
import type { Unit } from "../../core/domain/registry.js";
import { keyChunks } from "./key-chunks.js";
import type { RepositoryContext } from "./prisma-client.js";

/**
 * Rows per multi-row INSERT. Danger: SQLite refuses a statement with more than 999 bind values
 * and Prisma 6.19's driver-adapter client does not split `createMany` by itself; a resident row
 * binds 7 values, so 120 rows stay well under the limit.
 */
const ROWS_PER_INSERT = 120;
/** Address pairs per lookup: each binds two values. */
const ADDRESSES_PER_LOOKUP = 400;

const addressKey = (building: string, unit: string) => `${building}\u0000${unit}`;
const residentKey = (unitId: string, phone: string) => `${unitId}\u0000${phone}`;

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/**
 * Upserts units by address in batches: one lookup per few hundred addresses, one INSERT per
 * batch of new units, and an UPDATE only for a unit whose values changed, so re-importing the
 * same registry writes nothing. Runs inside the caller's transaction (all or nothing).
 */
export async function upsertUnits({ tx }: RepositoryContext, units: readonly NewUnit[]): Promise<{ unit: Unit; created: boolean }[]> {
  const existing = new Map<string, Unit>();
  for (const batch of slices(units, ADDRESSES_PER_LOOKUP)) {
    const rows = await tx.unit.findMany({ where: { OR: batch.map((unit) => ({ building: unit.building, unit: unit.unit })) } });
    for (const row of rows) existing.set(addressKey(row.building, row.unit), row);
  }
  const results: { unit: Unit; created: boolean }[] = [];
  const fresh: Unit[] = [];
  for (const unit of units) {
    const found = existing.get(addressKey(unit.building, unit.unit));
    if (!found) {
      const created = { id: randomUUID(), ...unit };
      fresh.push(created);
      results.push({ unit: created, created: true });
      continue;
    }
    const stored = { ...unit, id: found.id };
    if (found.areaM2 !== unit.areaM2 || found.handoverDate !== unit.handoverDate || found.warrantyMonths !== unit.warrantyMonths) {
      await tx.unit.update({ where: { id: found.id }, data: { areaM2: unit.areaM2, handoverDate: unit.handoverDate, warrantyMonths: unit.warrantyMonths } });
    }
    results.push({ unit: stored, created: false });
  }
  for (const batch of slices(fresh, ROWS_PER_INSERT)) await tx.unit.createMany({ data: batch });
  return results;
}

/** Upserts residents by unit + phone in batches, like {@link upsertUnits}. */
export async function upsertResidents({ tx }: RepositoryContext, residents: readonly NewResident[]): Promise<void> {
  const unitIds = [...new Set(residents.map((resident) => resident.unitId))];
  const existing = new Map<string, { id: string; name: string; locale: string; role: string; source: string }>();
  for (const batch of keyChunks(unitIds)) {
    const rows = await tx.resident.findMany({ where: { unitId: { in: batch } } });
    for (const row of rows) existing.set(residentKey(row.unitId, row.phone), row);
  }
  const fresh: (NewResident & { id: string })[] = [];
  for (const resident of residents) {
    const found = existing.get(residentKey(resident.unitId, resident.phone));
    if (!found) {
      fresh.push({ id: randomUUID(), ...resident });
      continue;
    }
    if (found.name !== resident.name || found.locale !== resident.locale || found.role !== resident.role || found.source !== resident.source) {
      await tx.resident.update({ where: { id: found.id }, data: { name: resident.name, locale: resident.locale, role: resident.role, source: resident.source } });
    }
  }
  for (const batch of slices(fresh, ROWS_PER_INSERT)) await tx.resident.createMany({ data: batch });
}

/** Deletes, for every listed unit, the registry owners whose phone it no longer lists. */
export async function removeDepartedRegistryOwners({ tx }: RepositoryContext, listed: ReadonlyMap<string, readonly string[]>): Promise<number> {
  const departed: string[] = [];
  for (const batch of keyChunks([...listed.keys()])) {
    const rows = await tx.resident.findMany({ where: { unitId: { in: batch }, role: "owner", source: "registry" }, select: { id: true, unitId: true, phone: true } });
    for (const row of rows) if (!listed.get(row.unitId)?.includes(row.phone)) departed.push(row.id);
  }
  let count = 0;
  for (const batch of keyChunks(departed)) count += (await tx.resident.deleteMany({ where: { id: { in: batch } } })).count;
  return count;
}
