import { z } from "zod";
import { CallbackOutcomeSchema, CallbackStatusSchema, type Callback } from "../../core/domain/callback.js";
import type { Clock } from "../../core/case/clock.js";
import type { CallbackRepository, ClockRepository } from "../../core/ports/store.js";
import type { Callback as CallbackRow, Clock as ClockRow } from "../../generated/sqlite/client.js";
import { notFound, parseJson, type RepositoryContext } from "./prisma-client.js";

const ClockDataSchema = z.record(z.string(), z.union([z.string(), z.number()]));

function toClock(row: ClockRow): Clock {
  return {
    id: row.id,
    caseId: row.caseId,
    rule: row.rule,
    subject: row.subjectType !== null && row.subjectId !== null ? { type: row.subjectType, id: row.subjectId } : null,
    startedAt: row.startedAt,
    dueAt: row.dueAt,
    breachAt: row.breachAt,
    stoppedAt: row.stoppedAt,
    escalatedAt: row.escalatedAt,
    data: ClockDataSchema.parse(parseJson(row.data, "clocks.data")),
  };
}

function clockColumns(clock: Clock) {
  return {
    caseId: clock.caseId,
    rule: clock.rule,
    subjectType: clock.subject?.type ?? null,
    subjectId: clock.subject?.id ?? null,
    startedAt: clock.startedAt,
    dueAt: clock.dueAt,
    breachAt: clock.breachAt,
    stoppedAt: clock.stoppedAt,
    escalatedAt: clock.escalatedAt,
    data: JSON.stringify(clock.data),
  };
}

function toCallback(row: CallbackRow): Callback {
  return {
    id: row.id,
    caseId: row.caseId,
    dueAt: row.dueAt,
    status: CallbackStatusSchema.parse(row.status),
    attempts: row.attempts,
    outcome: row.outcome === null ? null : CallbackOutcomeSchema.parse(row.outcome),
    recordedBy: row.recordedBy,
    recordedAt: row.recordedAt,
    createdAt: row.createdAt,
  };
}

function callbackColumns(callback: Callback) {
  return {
    caseId: callback.caseId,
    dueAt: callback.dueAt,
    status: callback.status,
    attempts: callback.attempts,
    outcome: callback.outcome,
    recordedBy: callback.recordedBy,
    recordedAt: callback.recordedAt,
    createdAt: callback.createdAt,
  };
}

/**
 * Procedure clocks; running means not stopped, listed by start. The rule is stored as written:
 * which kind it belongs to is the registry's business. `save` of an unknown id throws `not_found`.
 */
export function prismaClockRepository({ tx }: RepositoryContext): ClockRepository {
  return {
    async create(clock) {
      await tx.clock.create({ data: { id: clock.id, ...clockColumns(clock) } });
    },
    async findById(id) {
      const row = await tx.clock.findUnique({ where: { id } });
      return row ? toClock(row) : null;
    },
    async listRunning(caseId) {
      const rows = await tx.clock.findMany({
        where: { caseId, stoppedAt: null },
        orderBy: [{ startedAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toClock);
    },
    async save(clock) {
      const { count } = await tx.clock.updateMany({ where: { id: clock.id }, data: clockColumns(clock) });
      if (count === 0) throw notFound("clock", clock.id);
    },
  };
}

/** Follow-up calls; open means scheduled or prompted. `save` of an unknown id throws `not_found`. */
export function prismaCallbackRepository({ tx }: RepositoryContext): CallbackRepository {
  return {
    async create(callback) {
      // The report counts callbacks per kind from their own index; the case's kind is read once here.
      const owner = await tx.case.findUnique({ where: { id: callback.caseId }, select: { kind: true } });
      await tx.callback.create({ data: { id: callback.id, ...callbackColumns(callback), caseKind: owner?.kind ?? null } });
    },
    async findById(id) {
      const row = await tx.callback.findUnique({ where: { id } });
      return row ? toCallback(row) : null;
    },
    async findOpenByCase(caseId) {
      const row = await tx.callback.findFirst({
        where: { caseId, status: { in: ["scheduled", "prompted"] } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      return row ? toCallback(row) : null;
    },
    async listUnfinishedByCase(caseId) {
      const rows = await tx.callback.findMany({
        where: { caseId, status: { notIn: ["done", "cancelled"] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toCallback);
    },
    async save(callback) {
      const { count } = await tx.callback.updateMany({ where: { id: callback.id }, data: callbackColumns(callback) });
      if (count === 0) throw notFound("callback", callback.id);
    },
  };
}
