import type { SenderLeaseRepository } from "../../core/ports/store.js";
import type { RepositoryContext } from "./prisma-client.js";

/**
 * The outbox's sender leases. `swap` is one conditional statement, so of two processes swapping
 * from the same row exactly one changes it: an `UPDATE ... WHERE holder = ? AND beat = ?`
 * (PostgreSQL re-reads the row after a concurrent update commits; SQLite has one writer), or,
 * for the first taker, `INSERT ... ON CONFLICT DO NOTHING` (a unique violation would abort a
 * PostgreSQL transaction).
 */
export function prismaSenderLeaseRepository({ tx }: RepositoryContext): SenderLeaseRepository {
  return {
    async get(channel) {
      const row = await tx.senderLease.findUnique({ where: { channel } });
      return row ? { channel: row.channel, holder: row.holder, beat: row.beat, pausedUntil: row.pausedUntil } : null;
    },
    async swap(expected, next) {
      if (expected === null) {
        const inserted = await tx.$executeRaw`
          INSERT INTO "sender_leases" ("channel", "holder", "beat") VALUES (${next.channel}, ${next.holder}, ${next.beat})
          ON CONFLICT ("channel") DO NOTHING`;
        if (inserted !== 1) return false;
        if (next.pausedUntil) await tx.senderLease.update({ where: { channel: next.channel }, data: { pausedUntil: next.pausedUntil } });
        return true;
      }
      const { count } = await tx.senderLease.updateMany({
        where: { channel: next.channel, holder: expected.holder, beat: expected.beat },
        data: { holder: next.holder, beat: next.beat, pausedUntil: next.pausedUntil },
      });
      return count === 1;
    },
  };
}
