import { randomUUID } from "node:crypto";
import type { NewResident, NewUnit } from "../../core/ports/store.js";
import type { Unit } from "../../core/domain/registry.js";
import { Prisma } from "../../generated/sqlite/client.js";
import { keyChunks } from "./key-chunks.js";
import type { RepositoryContext } from "./prisma-client.js";

/**
 * Rows per multi-row statement. Danger: SQLite refuses a statement with more than 999 bind
 * values (as Prisma's client counts them); a resident row binds 7, so 120 rows stay under the
 * limit. PostgreSQL takes up to 65,535, and every statement is a round trip.
 *
 * These statements are raw SQL on purpose: through the query compiler a `createMany` of 120 rows
 * or a lookup of a few hundred addresses costs tens of milliseconds each, which made a registry
 * of 50,000 units take minutes; the plain statements cost about what the database does.
 */
export const rowsPerStatement: Record<RepositoryContext["kind"], number> = { sqlite: 120, postgresql: 1_000 };

const addressKey = (building: string, unit: string) => `${building}\u0000${unit}`;
const residentKey = (unitId: string, phone: string) => `${unitId}\u0000${phone}`;

function slices<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

const tuple = (values: unknown[]) => Prisma.sql`(${Prisma.join(values)})`;

interface UnitRow {
  id: string;
  building: string;
  unit: string;
  area_m2: number;
  handover_date: string;
  warranty_months: number | bigint;
}

/**
 * Upserts units by address in batches: one lookup and one INSERT per batch, and an UPDATE only
 * for a unit whose values changed, so re-importing the same registry writes nothing. Runs in the
 * caller's transaction (all or nothing).
 */
export async function upsertUnits({ tx, kind }: RepositoryContext, units: readonly NewUnit[]): Promise<{ unit: Unit; created: boolean }[]> {
  const existing = new Map<string, UnitRow>();
  for (const batch of slices(units, rowsPerStatement[kind] * 3)) {
    const rows = await tx.$queryRaw<UnitRow[]>`
      SELECT "id", "building", "unit", "area_m2", "handover_date", "warranty_months" FROM "units"
      WHERE ("building", "unit") IN (VALUES ${Prisma.join(batch.map((unit) => tuple([unit.building, unit.unit])))})`;
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
    if (found.area_m2 !== unit.areaM2 || found.handover_date !== unit.handoverDate || Number(found.warranty_months) !== unit.warrantyMonths) {
      await tx.unit.update({ where: { id: found.id }, data: { areaM2: unit.areaM2, handoverDate: unit.handoverDate, warrantyMonths: unit.warrantyMonths } });
    }
    results.push({ unit: { ...unit, id: found.id }, created: false });
  }
  for (const batch of slices(fresh, rowsPerStatement[kind])) {
    await tx.$executeRaw`
      INSERT INTO "units" ("id", "building", "unit", "area_m2", "handover_date", "warranty_months")
      VALUES ${Prisma.join(batch.map((unit) => tuple([unit.id, unit.building, unit.unit, unit.areaM2, unit.handoverDate, unit.warrantyMonths])))}`;
  }
  return results;
}

interface ResidentRow {
  id: string;
  unit_id: string;
  phone: string;
  name: string;
  locale: string;
  role: string;
  source: string;
}

/** Upserts residents by unit + phone in batches, like {@link upsertUnits}. */
export async function upsertResidents({ tx, kind }: RepositoryContext, residents: readonly NewResident[]): Promise<void> {
  const existing = new Map<string, ResidentRow>();
  for (const batch of keyChunks([...new Set(residents.map((resident) => resident.unitId))])) {
    const rows = await tx.$queryRaw<ResidentRow[]>`
      SELECT "id", "unit_id", "phone", "name", "locale", "role", "source" FROM "residents" WHERE "unit_id" IN (${Prisma.join(batch)})`;
    for (const row of rows) existing.set(residentKey(row.unit_id, row.phone), row);
  }
  const fresh: NewResident[] = [];
  for (const resident of residents) {
    const found = existing.get(residentKey(resident.unitId, resident.phone));
    if (!found) {
      fresh.push(resident);
      continue;
    }
    if (found.name !== resident.name || found.locale !== resident.locale || found.role !== resident.role || found.source !== resident.source) {
      await tx.resident.update({ where: { id: found.id }, data: { name: resident.name, locale: resident.locale, role: resident.role, source: resident.source } });
    }
  }
  await insertResidents({ tx, kind }, fresh);
}

/** Inserts residents in batches, without looking for existing ones (the unique index still guards). */
export async function insertResidents({ tx, kind }: RepositoryContext, residents: readonly NewResident[]): Promise<void> {
  for (const batch of slices(residents, rowsPerStatement[kind])) {
    await tx.$executeRaw`
      INSERT INTO "residents" ("id", "unit_id", "name", "phone", "locale", "role", "source")
      VALUES ${Prisma.join(batch.map((r) => tuple([randomUUID(), r.unitId, r.name, r.phone, r.locale, r.role, r.source])))}`;
  }
}

/** Deletes, for every listed unit, the registry owners whose phone it no longer lists. */
export async function removeDepartedRegistryOwners({ tx }: RepositoryContext, listed: ReadonlyMap<string, readonly string[]>): Promise<number> {
  const departed: string[] = [];
  for (const batch of keyChunks([...listed.keys()])) {
    const rows = await tx.$queryRaw<Pick<ResidentRow, "id" | "unit_id" | "phone">[]>`
      SELECT "id", "unit_id", "phone" FROM "residents"
      WHERE "unit_id" IN (${Prisma.join(batch)}) AND "role" = 'owner' AND "source" = 'registry'`;
    for (const row of rows) if (!listed.get(row.unit_id)?.includes(row.phone)) departed.push(row.id);
  }
  let count = 0;
  for (const batch of keyChunks(departed)) count += await tx.$executeRaw`DELETE FROM "residents" WHERE "id" IN (${Prisma.join(batch)})`;
  return count;
}
