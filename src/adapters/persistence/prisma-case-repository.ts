import { z } from "zod";
import { ActorSchema, type Actor, type Case, type CaseEvent, type CaseHeader } from "../../core/case/case.js";
import { WorkflowError } from "../../core/domain/errors.js";
import { TeamSchema } from "../../core/domain/registry.js";
import type { CaseRepository } from "../../core/ports/store.js";
import type { Case as CaseRow, CaseEvent as EventRow } from "../../generated/sqlite/client.js";
import type { DetailsTable } from "./kinds/details-table.js";
import { detailsTables } from "./kinds/index.js";
import { parseJson, type PrismaTx, type RepositoryContext } from "./prisma-client.js";

const EventDataSchema = z.record(z.string(), z.unknown());

function toHeader(row: CaseRow): CaseHeader {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    team: TeamSchema.parse(row.team),
    unitId: row.unitId,
    reporterId: row.reporterId,
    reporterUserId: row.reporterUserId,
    assigneeId: row.assigneeId,
    linkedCaseId: row.linkedCaseId,
    cancelReason: row.cancelReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    closedAt: row.closedAt,
    version: row.version,
  };
}

/**
 * Every header column but the id, for create and update alike: the case's own fields, the report
 * keys copied from its details, and its completion time. Danger: a column written here from the
 * details goes stale if anything writes the details without the header; only this repository does.
 */
function headerColumns(subject: Case) {
  return {
    ...tableOf(subject.kind).reportKeys(subject.details),
    completionMinutes: subject.closedAt && subject.status !== "cancelled" ? minutesBetween(subject.createdAt, subject.closedAt) : null,
    number: subject.number,
    kind: subject.kind,
    status: subject.status,
    team: subject.team,
    unitId: subject.unitId,
    reporterId: subject.reporterId,
    reporterUserId: subject.reporterUserId,
    assigneeId: subject.assigneeId,
    linkedCaseId: subject.linkedCaseId,
    cancelReason: subject.cancelReason,
    createdAt: subject.createdAt,
    updatedAt: subject.updatedAt,
    closedAt: subject.closedAt,
    version: subject.version,
  };
}

/** Minutes as the report counts them: the stored milliseconds apart over 60,000, in floating point. */
function minutesBetween(earlier: Date, later: Date): number {
  return (later.getTime() - earlier.getTime()) / 60_000;
}

/** The report's first response: a staff step, not a phone intake's own report of the case. */
function isFirstResponseCandidate(event: CaseEvent): boolean {
  return event.actor.type === "staff" && event.type !== "reported";
}

function toEvent(row: EventRow): CaseEvent {
  const actor: Actor = ActorSchema.parse(row.actorType === "system" ? { type: "system" } : { type: row.actorType, id: row.actorId });
  return {
    id: row.id,
    caseId: row.caseId,
    at: row.at,
    actor,
    type: row.type,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    data: EventDataSchema.parse(parseJson(row.data, "case_events.data")),
  };
}

function tableOf(kind: string): DetailsTable {
  const table = detailsTables.find((candidate) => candidate.kind === kind);
  if (!table) throw new Error(`no details table for kind ${kind}`);
  return table;
}

/** Headers joined with their kind's details, one query per kind present, in the headers' order. */
async function withDetails(tx: PrismaTx, rows: CaseRow[]): Promise<Case[]> {
  const details = new Map<string, unknown>();
  for (const kind of new Set(rows.map((row) => row.kind))) {
    const found = await tableOf(kind).read(tx, rows.filter((row) => row.kind === kind).map((row) => row.id));
    for (const [id, value] of found) details.set(id, value);
  }
  return rows.map((row) => {
    if (!details.has(row.id)) throw new Error(`case ${row.number} has no ${row.kind} details`);
    return { ...toHeader(row), details: details.get(row.id) };
  });
}

/**
 * Cases of every kind, their history and the numbering counters. The header lives in `cases`,
 * the details in the kind's own table, written in the same transaction.
 *
 * `update` is a compare-and-set on `version` (UPDATE ... WHERE id AND version = expected), so two
 * staff clicking at once cannot both win: the loser gets WorkflowError `conflict`.
 * `nextSequence` is one `INSERT ... ON CONFLICT DO UPDATE ... RETURNING` statement, atomic on
 * both databases (a row, not a database sequence: a rolled-back transaction hands its number out
 * again, as the in-memory store does, since nothing was created with it).
 */
export function prismaCaseRepository({ tx }: RepositoryContext): CaseRepository {
  /**
   * The header keeps its earliest staff step whatever order the events are appended in (an
   * event carries its own instant): read by primary key, written only when earlier.
   */
  async function keepFirstResponse(event: CaseEvent): Promise<void> {
    const row = await tx.case.findUnique({ where: { id: event.caseId }, select: { createdAt: true, firstResponseAt: true } });
    if (!row || (row.firstResponseAt !== null && row.firstResponseAt <= event.at)) return;
    await tx.case.update({
      where: { id: event.caseId },
      data: { firstResponseAt: event.at, firstResponseMinutes: minutesBetween(row.createdAt, event.at) },
    });
  }
  const one = async (row: CaseRow | null): Promise<Case | null> => (row ? ((await withDetails(tx, [row]))[0] ?? null) : null);
  return {
    async nextSequence(name) {
      const rows = await tx.$queryRaw<Array<{ value: number | bigint }>>`
        INSERT INTO "sequences" ("name", "value") VALUES (${name}, 1)
        ON CONFLICT ("name") DO UPDATE SET "value" = "sequences"."value" + 1
        RETURNING "value"`;
      const value = rows[0]?.value;
      if (value === undefined) throw new Error(`sequence ${name} returned no value`);
      return Number(value);
    },
    async create(subject) {
      const table = tableOf(subject.kind);
      const unit = await tx.unit.findUnique({ where: { id: subject.unitId }, select: { building: true } });
      await tx.case.create({ data: { id: subject.id, ...headerColumns(subject), building: unit?.building ?? null } });
      await table.create(tx, subject.id, subject.details);
    },
    findById: async (id) => one(await tx.case.findUnique({ where: { id } })),
    findByNumber: async (number) => one(await tx.case.findUnique({ where: { number } })),
    async update(subject) {
      const { count } = await tx.case.updateMany({
        where: { id: subject.id, version: subject.version - 1 },
        data: headerColumns(subject),
      });
      if (count === 0) {
        throw new WorkflowError("conflict", `case ${subject.id} changed since it was read (expected version ${subject.version - 1})`, {
          number: subject.number,
        });
      }
      await tableOf(subject.kind).update(tx, subject.id, subject.details);
    },
    async listByReporter(reporterId, limit) {
      const rows = await tx.case.findMany({
        where: { reporterId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: Math.max(0, limit),
      });
      return withDetails(tx, rows);
    },
    async listByKindAndStatus(kind, statuses, limit, afterId) {
      // Index (kind, status, id): each status's ids in order, merged; `afterId` resumes a page.
      const rows = await tx.case.findMany({
        where: { kind, status: { in: [...statuses] }, ...(afterId === undefined ? {} : { id: { gt: afterId } }) },
        orderBy: { id: "asc" },
        take: Math.max(0, limit),
      });
      return withDetails(tx, rows);
    },
    async appendEvent(event) {
      await tx.caseEvent.create({
        data: {
          id: event.id,
          caseId: event.caseId,
          at: event.at,
          actorType: event.actor.type,
          actorId: event.actor.type === "system" ? null : event.actor.id,
          type: event.type,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          data: JSON.stringify(event.data),
        },
      });
      if (isFirstResponseCandidate(event)) await keepFirstResponse(event);
    },
    async listEvents(caseId, limit) {
      if (limit === undefined) {
        const rows = await tx.caseEvent.findMany({ where: { caseId }, orderBy: [{ at: "asc" }, { seq: "asc" }] });
        return rows.map(toEvent);
      }
      const latest = await tx.caseEvent.findMany({
        where: { caseId },
        orderBy: [{ at: "desc" }, { seq: "desc" }],
        take: Math.max(0, limit),
      });
      return latest.reverse().map(toEvent);
    },
  };
}
