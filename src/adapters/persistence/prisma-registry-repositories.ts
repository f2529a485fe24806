import { randomUUID } from "node:crypto";
import {
  LocaleSchema,
  ResidentRoleSchema,
  ResidentSourceSchema,
  StaffRoleSchema,
  TeamSchema,
  VerificationStatusSchema,
  type Resident,
  type StaffMember,
  type OwnerIdentity,
  type Unit,
  type VerificationRequest,
} from "../../core/domain/registry.js";
import type {
  IdentityRepository,
  ResidentRepository,
  StaffRepository,
  UnitRepository,
  VerificationRepository,
} from "../../core/ports/store.js";
import type {
  Resident as ResidentRow,
  StaffMember as StaffRow,
  OwnerIdentity as IdentityRow,
  Unit as UnitRow,
  VerificationRequest as VerificationRow,
} from "../../generated/sqlite/client.js";
import { KEYS_PER_STATEMENT } from "./key-chunks.js";
import { notFound, type RepositoryContext } from "./prisma-client.js";
import { insertResidents, removeDepartedRegistryOwners, upsertResidents, upsertUnits } from "./prisma-registry-batches.js";

const toUnit = (row: UnitRow): Unit => ({
  id: row.id,
  building: row.building,
  unit: row.unit,
  areaM2: row.areaM2,
  handoverDate: row.handoverDate,
  warrantyMonths: row.warrantyMonths,
});

const toResident = (row: ResidentRow): Resident => ({
  id: row.id,
  unitId: row.unitId,
  name: row.name,
  phone: row.phone,
  locale: LocaleSchema.parse(row.locale),
  role: ResidentRoleSchema.parse(row.role),
  source: ResidentSourceSchema.parse(row.source),
});

const toStaff = (row: StaffRow): StaffMember => ({
  id: row.id,
  staffUserId: row.staffUserId,
  name: row.name,
  team: TeamSchema.parse(row.team),
  role: StaffRoleSchema.parse(row.role),
});

/** An identity row as a raw SELECT returns it: the boolean as the driver gives it. */
type RawIdentityRow = Omit<IdentityRow, "verified"> & { verified: boolean | number | bigint };

const toIdentity = (row: IdentityRow): OwnerIdentity => ({
  ownerUserId: row.ownerUserId,
  chatId: row.chatId,
  locale: LocaleSchema.parse(row.locale),
  displayName: row.displayName,
  phone: row.phone,
  verified: row.verified,
});

const toVerification = (row: VerificationRow): VerificationRequest => ({
  id: row.id,
  ownerUserId: row.ownerUserId,
  name: row.name,
  phone: row.phone,
  building: row.building,
  unit: row.unit,
  unitId: row.unitId,
  status: VerificationStatusSchema.parse(row.status),
  decidedBy: row.decidedBy,
  createdAt: row.createdAt,
  decidedAt: row.decidedAt,
});

/**
 * Sorting in JavaScript, not SQL: PostgreSQL orders text by the database collation ("alice" before
 * "Bob"), SQLite and the in-memory store by code units; the port must not depend on the server.
 */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Units, upserted by their address (building + unit number). */
export function prismaUnitRepository(context: RepositoryContext): UnitRepository {
  const { tx } = context;
  return {
    upsertMany: (units) => upsertUnits(context, units),
    async upsert(unit) {
      const data = {
        areaM2: unit.areaM2,
        handoverDate: unit.handoverDate,
        warrantyMonths: unit.warrantyMonths,
      };
      const row = await tx.unit.upsert({
        where: { building_unit: { building: unit.building, unit: unit.unit } },
        create: { id: randomUUID(), building: unit.building, unit: unit.unit, ...data },
        update: data,
      });
      return toUnit(row);
    },
    async findById(id) {
      const row = await tx.unit.findUnique({ where: { id } });
      return row ? toUnit(row) : null;
    },
    async findByAddress(building, unit) {
      const row = await tx.unit.findUnique({ where: { building_unit: { building, unit } } });
      return row ? toUnit(row) : null;
    },
    async findManyByAddress(addresses) {
      const found: Unit[] = [];
      // Two bind values per address: chunks of half the usual keys.
      for (let start = 0; start < addresses.length; start += KEYS_PER_STATEMENT / 2) {
        const chunk = addresses.slice(start, start + KEYS_PER_STATEMENT / 2).map(({ building, unit }) => ({ building, unit }));
        for (const row of await tx.unit.findMany({ where: { OR: chunk } })) found.push(toUnit(row));
      }
      return found;
    },
    async listBuildings() {
      const rows = await tx.unit.findMany({ distinct: ["building"], select: { building: true } });
      return rows.map((row) => row.building).sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
    },
  };
}

/** Residents, upserted by unit + normalised phone; one phone may live in several units. */
export function prismaResidentRepository(context: RepositoryContext): ResidentRepository {
  const { tx } = context;
  return {
    upsertMany: (residents) => upsertResidents(context, residents),
    insertMany: (residents) => insertResidents(context, residents),
    removeRegistryOwnersExceptMany: (listed) => removeDepartedRegistryOwners(context, listed),
    async upsert(resident) {
      const data = { name: resident.name, locale: resident.locale, role: resident.role, source: resident.source };
      const row = await tx.resident.upsert({
        where: { unitId_phone: { unitId: resident.unitId, phone: resident.phone } },
        create: { id: randomUUID(), unitId: resident.unitId, phone: resident.phone, ...data },
        update: data,
      });
      return toResident(row);
    },
    async findById(id) {
      const row = await tx.resident.findUnique({ where: { id } });
      return row ? toResident(row) : null;
    },
    async findByPhone(phone) {
      const rows = await tx.resident.findMany({ where: { phone } });
      return rows.sort((a, b) => byCodeUnits(a.id, b.id)).map(toResident);
    },
    async listByUnit(unitId) {
      const rows = await tx.resident.findMany({ where: { unitId } });
      // Sorted here, not by the database: SQLite and PostgreSQL collate names differently.
      return rows.sort((a, b) => byCodeUnits(a.name, b.name) || byCodeUnits(a.id, b.id)).map(toResident);
    },
    async removeRegistryOwnersExcept(unitId, phones) {
      const { count } = await tx.resident.deleteMany({
        where: { unitId, role: "owner", source: "registry", phone: { notIn: [...phones] } },
      });
      return count;
    },
  };
}

/** Staff, upserted by Slack user id. */
export function prismaStaffRepository({ tx }: RepositoryContext): StaffRepository {
  return {
    async upsert(member) {
      const data = { name: member.name, team: member.team, role: member.role };
      const row = await tx.staffMember.upsert({
        where: { staffUserId: member.staffUserId },
        create: { id: randomUUID(), staffUserId: member.staffUserId, ...data },
        update: data,
      });
      return toStaff(row);
    },
    async findById(id) {
      const row = await tx.staffMember.findUnique({ where: { id } });
      return row ? toStaff(row) : null;
    },
    async findByUserId(staffUserId) {
      const row = await tx.staffMember.findUnique({ where: { staffUserId } });
      return row ? toStaff(row) : null;
    },
    async listByTeam(team, role) {
      const rows = await tx.staffMember.findMany({ where: role === undefined ? { team } : { team, role } });
      return rows.sort((a, b) => byCodeUnits(a.name, b.name) || byCodeUnits(a.id, b.id)).map(toStaff);
    },
  };
}

/** Telegram users by their Telegram user id; save writes the whole identity. */
export function prismaIdentityRepository({ tx }: RepositoryContext): IdentityRepository {
  return {
    // Raw SQL: every owner update looks its sender up (the language), most more than once, and
    // a raw statement skips the query compiler a model query goes through each time.
    async find(ownerUserId) {
      const rows = await tx.$queryRaw<RawIdentityRow[]>`
        SELECT "telegram_user_id" AS "ownerUserId", "chat_id" AS "chatId", "locale", "display_name" AS "displayName", "phone", "verified"
        FROM "telegram_identities" WHERE "telegram_user_id" = ${ownerUserId}`;
      const row = rows[0];
      // SQLite hands a raw boolean back as 0 or 1.
      return row ? toIdentity({ ...row, verified: row.verified === true || Number(row.verified) === 1 }) : null;
    },
    async findVerifiedByPhone(phone) {
      const rows = await tx.ownerIdentity.findMany({ where: { phone, verified: true } });
      return rows.sort((a, b) => byCodeUnits(a.ownerUserId, b.ownerUserId)).map(toIdentity);
    },
    // Raw for the same reason as find: every /start and every button press saves the identity.
    async save(identity) {
      await tx.$executeRaw`
        INSERT INTO "telegram_identities" ("telegram_user_id", "chat_id", "locale", "display_name", "phone", "verified")
        VALUES (${identity.ownerUserId}, ${identity.chatId}, ${identity.locale}, ${identity.displayName}, ${identity.phone}, ${identity.verified})
        ON CONFLICT ("telegram_user_id") DO UPDATE SET
          "chat_id" = excluded."chat_id", "locale" = excluded."locale", "display_name" = excluded."display_name",
          "phone" = excluded."phone", "verified" = excluded."verified"`;
    },
  };
}

/** Verification requests; `save` of an unknown id throws `not_found`. */
export function prismaVerificationRepository({ tx }: RepositoryContext): VerificationRepository {
  const columns = (request: VerificationRequest) => ({
    ownerUserId: request.ownerUserId,
    name: request.name,
    phone: request.phone,
    building: request.building,
    unit: request.unit,
    unitId: request.unitId,
    status: request.status,
    decidedBy: request.decidedBy,
    createdAt: request.createdAt,
    decidedAt: request.decidedAt,
  });
  return {
    async create(request) {
      await tx.verificationRequest.create({ data: { id: request.id, ...columns(request) } });
    },
    async findById(id) {
      const row = await tx.verificationRequest.findUnique({ where: { id } });
      return row ? toVerification(row) : null;
    },
    async findPendingByOwner(ownerUserId) {
      const row = await tx.verificationRequest.findFirst({
        where: { ownerUserId, status: "pending" },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      return row ? toVerification(row) : null;
    },
    async save(request) {
      const { count } = await tx.verificationRequest.updateMany({ where: { id: request.id }, data: columns(request) });
      if (count === 0) throw notFound("verification", request.id);
    },
  };
}
