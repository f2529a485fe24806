import { z } from "zod";
import { JobPayloadSchema, type Job } from "../../core/case/job.js";
import type { JobRepository } from "../../core/ports/store.js";
import type { Job as JobRow } from "../../generated/sqlite/client.js";
import { keyChunks } from "./key-chunks.js";
import { sqliteInstant } from "./migrate.js";
import { notFound, parseJson, type RepositoryContext } from "./prisma-client.js";

const JobStatusSchema = z.enum(["pending", "running", "done", "failed"]);
/** Jobs that will never run again: done, or failed with no retry left. */
const finishedStatuses = ["done", "failed"] as const;

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    payload: JobPayloadSchema.parse(parseJson(row.payload, "jobs.payload")),
    runAt: row.runAt,
    status: JobStatusSchema.parse(row.status),
    attempts: row.attempts,
    lastError: row.lastError,
  };
}

/**
 * Durable jobs. A claim marks jobs `running` with a lease; `attempts` counts failed runs, like the
 * outbox: `markFailed` adds one and, with a retry instant, puts the job back to `pending` at that
 * instant, without one it is `failed` for good. A run lost with its worker (lease expired) is not
 * counted.
 *
 * Claims are exclusive across processes: PostgreSQL picks rows with `FOR UPDATE SKIP LOCKED`
 * (a concurrent claimer skips them instead of waiting); SQLite transactions start with
 * `BEGIN IMMEDIATE` (database.ts), so select-then-update cannot interleave with another writer.
 */
export function prismaJobRepository({ tx, kind }: RepositoryContext): JobRepository {
  async function claimIds(now: Date, limit: number, leaseUntil: Date, leaseOwner: string | null): Promise<string[]> {
    if (kind === "postgresql") {
      const rows = await tx.$queryRaw<Array<{ id: string }>>`
        UPDATE "jobs" SET "status" = 'running', "lease_until" = ${leaseUntil}, "lease_owner" = ${leaseOwner}
        WHERE "id" IN (
          SELECT "id" FROM "jobs"
          WHERE ("status" = 'pending' AND "run_at" <= ${now})
             OR ("status" = 'running' AND "lease_until" <= ${now})
          ORDER BY "run_at", "id"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING "id"`;
      return rows.map((row) => row.id);
    }
    const due = await tx.job.findMany({
      select: { id: true },
      where: {
        OR: [
          { status: "pending", runAt: { lte: now } },
          { status: "running", leaseUntil: { lte: now } },
        ],
      },
      orderBy: [{ runAt: "asc" }, { id: "asc" }],
      take: limit,
    });
    const ids = due.map((row) => row.id);
    for (const chunk of keyChunks(ids)) {
      await tx.job.updateMany({
        where: { id: { in: chunk } },
        data: { status: "running", leaseUntil, leaseOwner },
      });
    }
    return ids;
  }

  async function update(id: string, data: Parameters<typeof tx.job.updateMany>[0]["data"]): Promise<void> {
    const { count } = await tx.job.updateMany({ where: { id }, data });
    if (count === 0) throw notFound("job", id);
  }

  return {
    async enqueue(job) {
      await tx.job.create({
        data: {
          id: job.id,
          payload: JSON.stringify(JobPayloadSchema.parse(job.payload)),
          runAt: job.runAt,
          status: "pending",
          attempts: 0,
        },
      });
    },
    async enqueueOnce(job) {
      if (await tx.job.findUnique({ select: { id: true }, where: { id: job.id } })) return false;
      // One INSERT ... ON CONFLICT DO NOTHING, not Prisma's upsert (a read, then a create, on
      // PostgreSQL too): instances starting together all queue the same recurring occurrences,
      // and a unique violation would abort the start-up transaction of all but one.
      const payload = JSON.stringify(JobPayloadSchema.parse(job.payload));
      const inserted = await tx.$executeRaw`
        INSERT INTO "jobs" ("id", "payload", "run_at", "status", "attempts") VALUES (${job.id}, ${payload}, ${job.runAt}, 'pending', 0)
        ON CONFLICT ("id") DO NOTHING`;
      return inserted === 1;
    },
    async claimDue(now, limit, leaseUntil, leaseOwner) {
      if (limit <= 0) return [];
      const ids = await claimIds(now, limit, leaseUntil, leaseOwner ?? null);
      const rows: JobRow[] = [];
      for (const chunk of keyChunks(ids)) rows.push(...(await tx.job.findMany({ where: { id: { in: chunk } } })));
      // Soonest first, as claimed (ids are unique, so the tie-break never falls through).
      return rows.sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || (a.id < b.id ? -1 : 1)).map(toJob);
    },
    async holdClaim(id, leaseOwner) {
      // A write, not a read: on PostgreSQL it takes the row lock (a concurrent claim skips the
      // row, a concurrent release waits), and a run that lost its claim matches nothing.
      const { count } = await tx.job.updateMany({ where: { id, status: "running", leaseOwner }, data: { leaseOwner } });
      return count === 1;
    },
    async leaseOwners() {
      // Index (status, run_at): reads the running rows only.
      const rows = await tx.job.findMany({ select: { leaseOwner: true }, where: { status: "running", leaseOwner: { not: null } }, distinct: ["leaseOwner"] });
      return rows.map((row) => row.leaseOwner as string).sort();
    },
    async releaseLeasesOf(owner) {
      const { count } = await tx.job.updateMany({ where: { status: "running", leaseOwner: owner }, data: { status: "pending", leaseUntil: null, leaseOwner: null } });
      return count;
    },
    async markDone(id) {
      await update(id, { status: "done", leaseUntil: null });
    },
    async markFailed(id, error, retryAt) {
      await update(
        id,
        retryAt
          ? { status: "pending", runAt: retryAt, lastError: error, leaseUntil: null, attempts: { increment: 1 } }
          : { status: "failed", lastError: error, leaseUntil: null, attempts: { increment: 1 } },
      );
    },
    async listPending(until, limit) {
      if (limit <= 0) return [];
      const rows = await tx.job.findMany({
        where: until === null ? { status: "pending" } : { status: "pending", runAt: { lte: until } },
        orderBy: [{ runAt: "asc" }, { id: "asc" }],
        take: limit,
      });
      return rows.map(toJob);
    },
    async pruneFinished(before, limit) {
      if (limit <= 0) return 0;
      // One statement. Each status's oldest are read in index (status, run_at) order and stop at
      // `limit` (a single `status IN (...)` would sort every finished job before taking the
      // oldest); the oldest `limit` of both are then deleted by key alone, since done and failed
      // are final and a status condition there would lead SQLite's planner (no statistics) to
      // walk every finished job through that index. Raw SQL on purpose: thousands of keys
      // through Prisma's findMany and deleteMany grew the process by about 100 MB that it never
      // gave back (bench/memory.ts). Instants compare as the text Prisma writes on SQLite.
      const cutoff = kind === "sqlite" ? sqliteInstant(before) : before;
      const [done, failed] = finishedStatuses;
      return tx.$executeRaw`
        DELETE FROM "jobs" WHERE "id" IN (
          SELECT "id" FROM (
            SELECT "id", "run_at" FROM (
              SELECT "id", "run_at" FROM "jobs" WHERE "status" = ${done} AND "run_at" < ${cutoff} ORDER BY "run_at", "id" LIMIT ${limit}) AS "done_jobs"
            UNION ALL
            SELECT "id", "run_at" FROM (
              SELECT "id", "run_at" FROM "jobs" WHERE "status" = ${failed} AND "run_at" < ${cutoff} ORDER BY "run_at", "id" LIMIT ${limit}) AS "failed_jobs"
          ) AS "finished"
          ORDER BY "run_at", "id"
          LIMIT ${limit})`;
    },
    async dueBacklog(now) {
      // Index (status, run_at): a range of the pending rows, however many jobs have finished.
      const due = await tx.job.aggregate({ where: { status: "pending", runAt: { lte: now } }, _count: { _all: true }, _min: { runAt: true } });
      return { due: due._count._all, oldestDueAt: due._min.runAt ?? null };
    },
  };
}
