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
  type TelegramIdentity,
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
  TelegramIdentity as IdentityRow,
  Unit as UnitRow,
  VerificationRequest as VerificationRow,
} from "../../generated/sqlite/client.js";
import { notFound, type RepositoryContext } from "./prisma-client.js";

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
  slackUserId: row.slackUserId,
  name: row.name,
  team: TeamSchema.parse(row.team),
  role: StaffRoleSchema.parse(row.role),
});

const toIdentity = (row: IdentityRow): TelegramIdentity => ({
  telegramUserId: row.telegramUserId,
  chatId: row.chatId,
  locale: LocaleSchema.parse(row.locale),
  displayName: row.displayName,
  phone: row.phone,
  verified: row.verified,
});

const toVerification = (row: VerificationRow): VerificationRequest => ({
  id: row.id,
  telegramUserId: row.telegramUserId,
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
export function prismaUnitRepository({ tx }: RepositoryContext): UnitRepository {
  return {
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
  };
}

/** Residents, upserted by unit + normalised phone; one phone may live in several units. */
export function prismaResidentRepository({ tx }: RepositoryContext): ResidentRepository {
  return {
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
        where: { slackUserId: member.slackUserId },
        create: { id: randomUUID(), slackUserId: member.slackUserId, ...data },
        update: data,
      });
      return toStaff(row);
    },
    async findById(id) {
      const row = await tx.staffMember.findUnique({ where: { id } });
      return row ? toStaff(row) : null;
    },
    async findBySlackUserId(slackUserId) {
      const row = await tx.staffMember.findUnique({ where: { slackUserId } });
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
    async find(telegramUserId) {
      const row = await tx.telegramIdentity.findUnique({ where: { telegramUserId } });
      return row ? toIdentity(row) : null;
    },
    async save(identity) {
      const data = {
        chatId: identity.chatId,
        locale: identity.locale,
        displayName: identity.displayName,
        phone: identity.phone,
        verified: identity.verified,
      };
      await tx.telegramIdentity.upsert({
        where: { telegramUserId: identity.telegramUserId },
        create: { telegramUserId: identity.telegramUserId, ...data },
        update: data,
      });
    },
  };
}

/** Verification requests; `save` of an unknown id throws `not_found`. */
export function prismaVerificationRepository({ tx }: RepositoryContext): VerificationRepository {
  const columns = (request: VerificationRequest) => ({
    telegramUserId: request.telegramUserId,
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
    async findPendingByTelegramUser(telegramUserId) {
      const row = await tx.verificationRequest.findFirst({
        where: { telegramUserId, status: "pending" },
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
