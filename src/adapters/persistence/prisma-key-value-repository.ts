import type { InboxRepository, KeyValueRepository } from "../../core/ports/store.js";
import { keyChunks } from "./key-chunks.js";
import type { RepositoryContext } from "./prisma-client.js";

/**
 * Small documents by key; `updatedAt` is the wall-clock time of the write, for housekeeping.
 * The compare-and-set methods are single conditional statements, so they hold across
 * processes on both databases (PostgreSQL re-checks the condition on the row a concurrent
 * writer committed; SQLite has one writer). A key deleted and written again starts over at
 * version 1.
 */
export function prismaKeyValueRepository({ tx }: RepositoryContext): KeyValueRepository {
  return {
    // Raw SQL on purpose where a call runs on every owner update (the conversation's state and the
    // chat's lease: `getVersioned`, `setIfVersion`, `deleteIfVersion`): a raw statement skips the
    // query compiler a model query goes through each time (about half the cost of the call on
    // SQLite, see bench/update-throughput.ts).
    async get(key) {
      const rows = await tx.$queryRaw<{ value: string }[]>`SELECT "value" FROM "key_values" WHERE "key" = ${key}`;
      return rows[0]?.value ?? null;
    },
    async set(key, value) {
      await tx.$executeRaw`
        INSERT INTO "key_values" ("key", "value", "updated_at") VALUES (${key}, ${value}, ${new Date()})
        ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updated_at" = excluded."updated_at", "version" = "key_values"."version" + 1`;
    },
    async delete(key) {
      await tx.keyValue.deleteMany({ where: { key } });
    },
    async getVersioned(key) {
      const rows = await tx.$queryRaw<{ value: string; version: number }[]>`SELECT "value", "version" FROM "key_values" WHERE "key" = ${key}`;
      const row = rows[0];
      return row ? { value: row.value, version: Number(row.version) } : null;
    },
    async setIfVersion(key, value, expected) {
      const updatedAt = new Date();
      if (expected === null) {
        // Not create(): a unique violation would abort a PostgreSQL transaction.
        const inserted = await tx.$executeRaw`
          INSERT INTO "key_values" ("key", "value", "updated_at", "version") VALUES (${key}, ${value}, ${updatedAt}, 1)
          ON CONFLICT ("key") DO NOTHING`;
        return inserted === 1 ? 1 : null;
      }
      const updated = await tx.$executeRaw`
        UPDATE "key_values" SET "value" = ${value}, "updated_at" = ${updatedAt}, "version" = ${expected + 1}
        WHERE "key" = ${key} AND "version" = ${expected}`;
      return updated === 1 ? expected + 1 : null;
    },
    async deleteIfVersion(key, expected) {
      return (await tx.$executeRaw`DELETE FROM "key_values" WHERE "key" = ${key} AND "version" = ${expected}`) === 1;
    },
  };
}

/**
 * Incoming updates, claimed before they are acted on. Every write is one statement: a claim is
 * `INSERT ... ON CONFLICT DO UPDATE ... WHERE` the existing claim's lease has run out, so a
 * duplicate neither raises (which would abort a PostgreSQL transaction) nor races with a
 * concurrent delivery - of concurrent claims one inserts, the others find its row.
 */
export function prismaInboxRepository({ tx }: RepositoryContext): InboxRepository {
  return {
    async claim(source, updateId, { holder, at, leaseUntil }) {
      const claimed = await tx.$executeRaw`
        INSERT INTO "processed_updates" ("source", "update_id", "received_at", "status", "claimed_by", "lease_until")
        VALUES (${source}, ${updateId}, ${at}, 'claimed', ${holder}, ${leaseUntil})
        ON CONFLICT ("source", "update_id") DO UPDATE
          SET "received_at" = excluded."received_at", "claimed_by" = excluded."claimed_by", "lease_until" = excluded."lease_until"
          WHERE "processed_updates"."status" = 'claimed' AND "processed_updates"."lease_until" <= ${at}`;
      if (claimed === 1) return "claimed";
      const row = await tx.processedUpdate.findUnique({ where: { source_updateId: { source, updateId } }, select: { status: true } });
      // Gone by now: its holder released it a moment ago; "held" makes the caller look again.
      return row?.status === "done" ? "done" : "held";
    },
    async complete(source, updateId, holder) {
      // Raw, as the claim: it runs once per update.
      const completed = await tx.$executeRaw`
        UPDATE "processed_updates" SET "status" = 'done', "lease_until" = NULL
        WHERE "source" = ${source} AND "update_id" = ${updateId} AND "status" = 'claimed' AND "claimed_by" = ${holder}`;
      return completed === 1;
    },
    async release(source, updateId, holder) {
      await tx.processedUpdate.deleteMany({ where: { source, updateId, status: "claimed", claimedBy: holder } });
    },
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
