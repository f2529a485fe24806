import { z } from "zod";
import { OutboxPayloadSchema, channelOf, recipientOf, refKeyOf, resentAfterCrash, type OutboxMessage, type OutboxStatus } from "../../core/domain/outbox.js";
import type { MessageRefRepository, OutboxRepository } from "../../core/ports/store.js";
import type { OutboxMessage as OutboxRow } from "../../generated/sqlite/client.js";
import { keyChunks } from "./key-chunks.js";
import { sqliteInstant } from "./migrate.js";
import { notFound, parseJson, type RepositoryContext } from "./prisma-client.js";

const OutboxStatusSchema = z.enum(["pending", "sending", "sent", "dead"]);
const OutboxChannelSchema = z.enum(["telegram", "slack"]);

function toMessage(row: OutboxRow): OutboxMessage {
  return {
    id: row.id,
    seq: row.seq,
    channel: OutboxChannelSchema.parse(row.channel),
    recipient: row.recipient,
    payload: OutboxPayloadSchema.parse(parseJson(row.payload, "outbox_messages.payload")),
    refKey: row.refKey,
    status: OutboxStatusSchema.parse(row.status),
    attempts: row.attempts,
    notBefore: row.notBefore,
    platformMessageId: row.platformMessageId,
    lastError: row.lastError,
    createdAt: row.createdAt,
  };
}

/**
 * `notBefore` of a new message: deliverable at once. Not `createdAt`: that is workflow time, which
 * `tick --at` may put in the future, while the worker claims by wall-clock time.
 */
const deliverableAtOnce = new Date(0);

/**
 * Outgoing messages, delivered in `seq` order (the autoincrement key: write order, never reused).
 *
 * A claim marks messages `sending` with a lease and does not count an attempt; `retry` counts one
 * unless it is a rate limit (`countAttempt` false), and `markDead` counts the final failed one.
 * Claims are exclusive across processes: `FOR UPDATE SKIP LOCKED` on PostgreSQL, the single
 * `BEGIN IMMEDIATE` writer on SQLite (see prisma-job-repository.ts).
 *
 * Claims take only each recipient's head: a row with an earlier row of the same channel and
 * recipient still pending or sending is left alone. On PostgreSQL the check reads the
 * statement's snapshot: a head another claimer holds is pending or sending in it, so its
 * followers are skipped too; a head that stopped being pending or sending did so in a committed
 * transaction after its own claim committed, so the follower is then truly next.
 *
 * Both the candidates and that check go through the index (channel, status, recipient, seq)
 * with the status pinned to pending or sending, so a claim reads only undelivered rows however
 * many sent ones have piled up (on SQLite it holds the only writer lock meanwhile). Keep the
 * status condition in every read of the claim: without it the check walks the recipient's
 * whole history (1.3 s at 300,000 sent rows on SQLite, bench/outbox-claim.ts).
 */
export function prismaOutboxRepository({ tx, kind }: RepositoryContext): OutboxRepository {
  async function claimSeqs(channel: string, now: Date, limit: number, leaseUntil: Date, leaseOwner: string | null): Promise<number[]> {
    if (kind === "postgresql") {
      const rows = await tx.$queryRaw<Array<{ seq: number }>>`
        UPDATE "outbox_messages" SET "status" = 'sending', "lease_until" = ${leaseUntil}, "lease_owner" = ${leaseOwner}
        WHERE "seq" IN (
          SELECT "seq" FROM "outbox_messages"
          WHERE "channel" = ${channel}
            AND (("status" = 'pending' AND "not_before" <= ${now})
              OR ("status" = 'sending' AND "lease_until" <= ${now}))
            -- The recipient's head: the lowest seq of its pending and of its sending rows, each an
            -- index probe on (channel, status, recipient). Not NOT EXISTS with status IN (...):
            -- on a table whose statistics predate a burst of rows the planner scanned the whole
            -- channel's index per candidate (162 s for one claim behind 7,400 pending rows).
            AND "seq" = LEAST(
              (SELECT min("head"."seq") FROM "outbox_messages" AS "head"
               WHERE "head"."channel" = "outbox_messages"."channel" AND "head"."status" = 'pending' AND "head"."recipient" = "outbox_messages"."recipient"),
              (SELECT min("head"."seq") FROM "outbox_messages" AS "head"
               WHERE "head"."channel" = "outbox_messages"."channel" AND "head"."status" = 'sending' AND "head"."recipient" = "outbox_messages"."recipient"))
          ORDER BY "seq"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING "seq"`;
      return rows.map((row) => Number(row.seq));
    }
    // The single writer: no other claim runs between these reads and the update below. Heads are
    // found without comparing instants in SQL, which Prisma's own filters below do, over the heads
    // in seq order a chunk at a time (there may be more heads than a statement can bind).
    const heads = await tx.$queryRaw<Array<{ seq: number | bigint }>>`
      SELECT "seq" FROM "outbox_messages"
      WHERE "channel" = ${channel}
        AND "status" IN ('pending', 'sending')
        AND NOT EXISTS (
          SELECT 1 FROM "outbox_messages" AS "earlier"
          WHERE "earlier"."channel" = "outbox_messages"."channel"
            AND "earlier"."recipient" = "outbox_messages"."recipient"
            AND "earlier"."seq" < "outbox_messages"."seq"
            AND "earlier"."status" IN ('pending', 'sending'))
      ORDER BY "seq"`;
    const seqs: number[] = [];
    for (const chunk of keyChunks(heads.map((row) => Number(row.seq)))) {
      if (seqs.length >= limit) break;
      const ready = await tx.outboxMessage.findMany({
        select: { seq: true },
        where: {
          seq: { in: chunk },
          OR: [
            { status: "pending", notBefore: { lte: now } },
            { status: "sending", leaseUntil: { lte: now } },
          ],
        },
        orderBy: { seq: "asc" },
        take: limit - seqs.length,
      });
      seqs.push(...ready.map((row) => row.seq));
    }
    for (const chunk of keyChunks(seqs)) {
      await tx.outboxMessage.updateMany({ where: { seq: { in: chunk } }, data: { status: "sending", leaseUntil, leaseOwner } });
    }
    return seqs;
  }

  async function update(id: string, data: Parameters<typeof tx.outboxMessage.updateMany>[0]["data"]): Promise<void> {
    const { count } = await tx.outboxMessage.updateMany({ where: { id }, data });
    if (count === 0) throw notFound("outbox message", id);
  }

  return {
    async enqueue(message) {
      const payload = OutboxPayloadSchema.parse(message.payload);
      await tx.outboxMessage.create({
        data: {
          id: message.id,
          channel: channelOf(payload),
          recipient: recipientOf(payload),
          payload: JSON.stringify(payload),
          refKey: refKeyOf(payload),
          status: "pending",
          attempts: 0,
          notBefore: deliverableAtOnce,
          createdAt: message.createdAt,
        },
      });
    },
    async claim(channel, now, limit, leaseUntil, leaseOwner) {
      if (limit <= 0) return [];
      const seqs = (await claimSeqs(channel, now, limit, leaseUntil, leaseOwner ?? null)).sort((a, b) => a - b);
      const messages: OutboxMessage[] = [];
      for (const chunk of keyChunks(seqs)) {
        const rows = await tx.outboxMessage.findMany({ where: { seq: { in: chunk } }, orderBy: { seq: "asc" } });
        messages.push(...rows.map(toMessage));
      }
      return messages;
    },
    async leaseOwners() {
      // Index (status, created_at): reads the few sending rows, never the sent history.
      const rows = await tx.outboxMessage.findMany({ select: { leaseOwner: true }, where: { status: "sending", leaseOwner: { not: null } }, distinct: ["leaseOwner"] });
      return rows.map((row) => row.leaseOwner as string).sort();
    },
    async releaseLeasesOf(owner) {
      const { count } = await tx.outboxMessage.updateMany({
        where: { status: "sending", leaseOwner: owner },
        data: { status: "pending", notBefore: deliverableAtOnce, leaseUntil: null, leaseOwner: null, lastError: resentAfterCrash, takenBack: { increment: 1 } },
      });
      return count;
    },
    async markSent(id, platformMessageId) {
      await update(id, { status: "sent", platformMessageId, leaseUntil: null });
    },
    async retry(id, notBefore, error, countAttempt) {
      await update(id, {
        status: "pending",
        notBefore,
        lastError: error,
        leaseUntil: null,
        ...(countAttempt ? { attempts: { increment: 1 } } : {}),
      });
    },
    async markDead(id, reason) {
      await update(id, { status: "dead", lastError: reason, leaseUntil: null, attempts: { increment: 1 } });
    },
    async requeueDead() {
      const { count } = await tx.outboxMessage.updateMany({
        where: { status: "dead" },
        data: { status: "pending", attempts: 0, notBefore: deliverableAtOnce, leaseUntil: null },
      });
      return count;
    },
    async findById(id) {
      const row = await tx.outboxMessage.findUnique({ where: { id } });
      return row ? toMessage(row) : null;
    },
    async countByStatus() {
      const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, dead: 0 };
      const groups = await tx.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
      for (const group of groups) counts[OutboxStatusSchema.parse(group.status)] += group._count._all;
      return counts;
    },
    async pruneSent(before, limit) {
      if (limit <= 0) return 0;
      // One statement: the subquery reads the oldest sent rows through index (status, created_at)
      // and stops at `limit`; the delete then goes by key alone (a status condition there would
      // lead SQLite's planner, without statistics, to walk every sent row). Raw SQL on purpose:
      // thousands of keys through Prisma's deleteMany grew the process by about 100 MB that it
      // never gave back (bench/memory.ts). Instants compare as the text Prisma writes on SQLite.
      const cutoff = kind === "sqlite" ? sqliteInstant(before) : before;
      return tx.$executeRaw`
        DELETE FROM "outbox_messages" WHERE "seq" IN (
          SELECT "seq" FROM "outbox_messages"
          WHERE "status" = 'sent' AND "created_at" < ${cutoff}
          ORDER BY "created_at", "seq"
          LIMIT ${limit})`;
    },
    async backlog() {
      // Index (status, created_at), one status at a time: the sent history is never read.
      const undelivered = await tx.outboxMessage.aggregate({ where: { status: { in: ["pending", "sending"] } }, _count: { _all: true }, _min: { createdAt: true } });
      const dead = await tx.outboxMessage.count({ where: { status: "dead" } });
      return { undelivered: undelivered._count._all, oldestUndeliveredAt: undelivered._min.createdAt ?? null, dead };
    },
  };
}

/** Where a platform put the message of a ref key; `set` overwrites. */
export function prismaMessageRefRepository({ tx }: RepositoryContext): MessageRefRepository {
  return {
    async get(key) {
      const row = await tx.messageRef.findUnique({ where: { key } });
      return row ? { channel: row.channel, messageId: row.messageId } : null;
    },
    async set(key, ref) {
      const data = { channel: ref.channel, messageId: ref.messageId };
      await tx.messageRef.upsert({ where: { key }, create: { key, ...data }, update: data });
    },
  };
}
