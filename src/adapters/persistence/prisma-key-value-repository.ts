import type { InboxRepository, KeyValueRepository } from "../../core/ports/store.js";
import { keyChunks } from "./key-chunks.js";
import type { RepositoryContext } from "./prisma-client.js";

/** Small documents by key; `updatedAt` is the wall-clock time of the write, for housekeeping. */
export function prismaKeyValueRepository({ tx }: RepositoryContext): KeyValueRepository {
  return {
    // Raw SQL on purpose: conversation state is read and written on every owner update, and a
    // raw statement skips the query compiler a model query goes through each time (about half
    // the cost of the call on SQLite, see bench/update-throughput.ts).
    async get(key) {
      const rows = await tx.$queryRaw<{ value: string }[]>`SELECT "value" FROM "key_values" WHERE "key" = ${key}`;
      return rows[0]?.value ?? null;
    },
    async set(key, value) {
      await tx.$executeRaw`
        INSERT INTO "key_values" ("key", "value", "updated_at") VALUES (${key}, ${value}, ${new Date()})
        ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updated_at" = excluded."updated_at"`;
    },
    async delete(key) {
      await tx.keyValue.deleteMany({ where: { key } });
    },
  };
}

/**
 * Incoming update ids already acted on. One `INSERT ... ON CONFLICT DO NOTHING`: a duplicate
 * neither raises (which would abort a PostgreSQL transaction) nor races with a concurrent retry.
 */
export function prismaInboxRepository({ tx }: RepositoryContext): InboxRepository {
  return {
    async recordOnce(source, updateId, at) {
      const inserted = await tx.$executeRaw`
        INSERT INTO "processed_updates" ("source", "update_id", "received_at") VALUES (${source}, ${updateId}, ${at})
        ON CONFLICT ("source", "update_id") DO NOTHING`;
      return inserted === 1;
    },
    async seen(source, updateId) {
      // Raw for the same reason as the key-value reads: every update asks this first.
      const rows = await tx.$queryRaw<unknown[]>`SELECT 1 AS "found" FROM "processed_updates" WHERE "source" = ${source} AND "update_id" = ${updateId}`;
      return rows.length > 0;
    },
    async forget(source, updateId) {
      await tx.processedUpdate.deleteMany({ where: { source, updateId } });
    },
    async prune(before, limit) {
      if (limit <= 0) return 0;
      // Index (received_at): reads the oldest records and stops at `limit`.
      const oldest = await tx.processedUpdate.findMany({
        select: { source: true, updateId: true },
        where: { receivedAt: { lt: before } },
        orderBy: { receivedAt: "asc" },
        take: limit,
      });
      let deleted = 0;
      // Deleted per source, so a statement holds one list of ids rather than a pair per record.
      for (const source of new Set(oldest.map((row) => row.source))) {
        for (const updateIds of keyChunks(oldest.filter((row) => row.source === source).map((row) => row.updateId))) {
          deleted += (await tx.processedUpdate.deleteMany({ where: { source, updateId: { in: updateIds } } })).count;
        }
      }
      return deleted;
    },
  };
}
