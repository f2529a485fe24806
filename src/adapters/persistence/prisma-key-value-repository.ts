import type { InboxRepository, KeyValueRepository } from "../../core/ports/store.js";
import { keyChunks } from "./key-chunks.js";
import type { RepositoryContext } from "./prisma-client.js";

/** Small documents by key; `updatedAt` is the wall-clock time of the write, for housekeeping. */
export function prismaKeyValueRepository({ tx }: RepositoryContext): KeyValueRepository {
  return {
    async get(key) {
      const row = await tx.keyValue.findUnique({ where: { key } });
      return row ? row.value : null;
    },
    async set(key, value) {
      const updatedAt = new Date();
      await tx.keyValue.upsert({ where: { key }, create: { key, value, updatedAt }, update: { value, updatedAt } });
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
      return (await tx.processedUpdate.count({ where: { source, updateId } })) > 0;
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
