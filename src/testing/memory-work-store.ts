import { JobPayloadSchema, type Job } from "../core/case/job.js";
import { OutboxPayloadSchema, channelOf, recipientOf, refKeyOf, resentAfterCrash, type OutboxMessage } from "../core/domain/outbox.js";
import type { Store } from "../core/ports/store.js";
import {
  byTimeThenId,
  deliverableAtOnce,
  duplicate,
  findCopy,
  isLeaseExpired,
  missing,
  publicJob,
  publicOutbox,
  type MemoryTables,
  type StoredOutbox,
  viaJson,
} from "./memory-tables.js";
import { memoryInboxRepositories } from "./memory-inbox.js";

/**
 * The in-memory durable work: jobs, the outbox with its head-of-line claims, message refs, the
 * inbox of handled updates and the key-value documents, over the tables of one transaction.
 */
export function memoryWorkRepositories(t: MemoryTables): Pick<Store, "jobs" | "outbox" | "messageRefs" | "inbox" | "keyValues" | "senderLeases"> {
  const insertJob = (job: { id: string; payload: Job["payload"]; runAt: Date }): boolean => {
    if (t.jobs.has(job.id)) return false;
    t.jobs.set(job.id, {
      id: job.id,
      payload: JobPayloadSchema.parse(viaJson(job.payload)),
      runAt: new Date(job.runAt),
      status: "pending",
      attempts: 0,
      lastError: null,
      leaseUntil: null,
    });
    return true;
  };

  return {
    jobs: {
      async enqueue(job) {
        if (!insertJob(job)) throw duplicate("job", job.id);
      },
      enqueueOnce: async (job) => insertJob(job),
      async claimDue(now, limit, leaseUntil, leaseOwner) {
        const due = [...t.jobs.values()]
          .filter(
            (j) =>
              (j.status === "pending" && j.runAt.getTime() <= now.getTime()) ||
              (j.status === "running" && isLeaseExpired(j.leaseUntil, now)),
          )
          .sort(byTimeThenId((j) => j.runAt))
          .slice(0, Math.max(0, limit));
        for (const job of due) {
          job.status = "running";
          job.leaseUntil = new Date(leaseUntil);
          job.leaseOwner = leaseOwner ?? null;
        }
        return due.map(publicJob);
      },
      async holdClaim(id, leaseOwner) {
        const job = t.jobs.get(id);
        return job?.status === "running" && (job.leaseOwner ?? null) === leaseOwner;
      },
      async leaseOwners() {
        const owners = [...t.jobs.values()].filter((j) => j.status === "running" && j.leaseOwner).map((j) => j.leaseOwner as string);
        return [...new Set(owners)].sort();
      },
      async releaseLeasesOf(owner) {
        const held = [...t.jobs.values()].filter((j) => j.status === "running" && j.leaseOwner === owner);
        for (const job of held) Object.assign(job, { status: "pending", leaseUntil: null, leaseOwner: null });
        return held.length;
      },
      async markDone(id) {
        const job = t.jobs.get(id);
        if (!job) throw missing("job", id);
        job.status = "done";
        job.leaseUntil = null;
      },
      async markFailed(id, error, retryAt) {
        const job = t.jobs.get(id);
        if (!job) throw missing("job", id);
        job.lastError = error;
        job.leaseUntil = null;
        job.attempts += 1;
        if (retryAt) {
          job.status = "pending";
          job.runAt = new Date(retryAt);
        } else {
          job.status = "failed";
        }
      },
      async listPending(until, limit) {
        return [...t.jobs.values()]
          .filter((j) => j.status === "pending" && (until === null || j.runAt.getTime() <= until.getTime()))
          .sort(byTimeThenId((j) => j.runAt))
          .slice(0, Math.max(0, limit))
          .map(publicJob);
      },
      async pruneFinished(before, limit) {
        const finished = [...t.jobs.values()]
          .filter((j) => (j.status === "done" || j.status === "failed") && j.runAt.getTime() < before.getTime())
          .sort(byTimeThenId((j) => j.runAt))
          .slice(0, Math.max(0, limit));
        for (const job of finished) t.jobs.delete(job.id);
        return finished.length;
      },
      async dueBacklog(now) {
        const due = [...t.jobs.values()].filter((j) => j.status === "pending" && j.runAt.getTime() <= now.getTime());
        const oldest = Math.min(...due.map((j) => j.runAt.getTime()));
        return { due: due.length, oldestDueAt: due.length > 0 ? new Date(oldest) : null };
      },
    },
    outbox: {
      async enqueue(message) {
        if (t.outbox.has(message.id)) throw duplicate("outbox message", message.id);
        const payload = OutboxPayloadSchema.parse(viaJson(message.payload));
        t.outboxSeq += 1;
        t.outbox.set(message.id, {
          id: message.id,
          seq: t.outboxSeq,
          channel: channelOf(payload),
          recipient: recipientOf(payload),
          payload,
          refKey: refKeyOf(payload),
          status: "pending",
          attempts: 0,
          notBefore: new Date(deliverableAtOnce),
          platformMessageId: null,
          lastError: null,
          createdAt: new Date(message.createdAt),
          leaseUntil: null,
        });
      },
      async claim(channel, now, limit, leaseUntil, leaseOwner) {
        // Each recipient's head: its earliest message still pending or sending, whatever its notBefore.
        const heads = new Map<string, StoredOutbox>();
        for (const m of [...t.outbox.values()].sort((a, b) => a.seq - b.seq)) {
          if (m.channel === channel && (m.status === "pending" || m.status === "sending") && !heads.has(m.recipient)) heads.set(m.recipient, m);
        }
        const ready = [...heads.values()]
          .filter(
            (m) =>
              (m.status === "pending" && m.notBefore.getTime() <= now.getTime()) ||
              (m.status === "sending" && isLeaseExpired(m.leaseUntil, now)),
          )
          .slice(0, Math.max(0, limit));
        for (const message of ready) {
          message.status = "sending";
          message.leaseUntil = new Date(leaseUntil);
          message.leaseOwner = leaseOwner ?? null;
        }
        return ready.map(publicOutbox);
      },
      async leaseOwners() {
        const owners = [...t.outbox.values()].filter((m) => m.status === "sending" && m.leaseOwner).map((m) => m.leaseOwner as string);
        return [...new Set(owners)].sort();
      },
      async releaseLeasesOf(owner) {
        const held = [...t.outbox.values()].filter((m) => m.status === "sending" && m.leaseOwner === owner);
        for (const message of held) Object.assign(message, { status: "pending", notBefore: new Date(deliverableAtOnce), leaseUntil: null, leaseOwner: null, lastError: resentAfterCrash, takenBack: (message.takenBack ?? 0) + 1 });
        return held.length;
      },
      async markSent(id, platformMessageId) {
        const message = t.outbox.get(id);
        if (!message) throw missing("outbox message", id);
        message.status = "sent";
        message.platformMessageId = platformMessageId;
        message.leaseUntil = null;
      },
      async retry(id, notBefore, error, countAttempt) {
        const message = t.outbox.get(id);
        if (!message) throw missing("outbox message", id);
        message.status = "pending";
        message.notBefore = new Date(notBefore);
        message.lastError = error;
        message.leaseUntil = null;
        if (countAttempt) message.attempts += 1;
      },
      async markDead(id, reason) {
        const message = t.outbox.get(id);
        if (!message) throw missing("outbox message", id);
        message.status = "dead";
        message.lastError = reason;
        message.attempts += 1;
        message.leaseUntil = null;
      },
      async requeueDead() {
        const dead = [...t.outbox.values()].filter((message) => message.status === "dead");
        for (const message of dead) Object.assign(message, { status: "pending", attempts: 0, notBefore: new Date(deliverableAtOnce), leaseUntil: null });
        return dead.length;
      },
      async findById(id) {
        const message = t.outbox.get(id);
        return message ? publicOutbox(message) : null;
      },
      async countByStatus() {
        const counts: Record<OutboxMessage["status"], number> = { pending: 0, sending: 0, sent: 0, dead: 0 };
        for (const message of t.outbox.values()) counts[message.status] += 1;
        return counts;
      },
      async pruneSent(before, limit) {
        const sent = [...t.outbox.values()]
          .filter((m) => m.status === "sent" && m.createdAt.getTime() < before.getTime())
          .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.seq - b.seq)
          .slice(0, Math.max(0, limit));
        for (const message of sent) t.outbox.delete(message.id);
        return sent.length;
      },
      async backlog() {
        const messages = [...t.outbox.values()];
        const undelivered = messages.filter((m) => m.status === "pending" || m.status === "sending");
        const oldest = Math.min(...undelivered.map((m) => m.createdAt.getTime()));
        return {
          undelivered: undelivered.length,
          oldestUndeliveredAt: undelivered.length > 0 ? new Date(oldest) : null,
          dead: messages.filter((m) => m.status === "dead").length,
        };
      },
    },
    messageRefs: {
      get: async (key) => findCopy(t.messageRefs, key),
      async set(key, ref) {
        t.messageRefs.set(key, { channel: ref.channel, messageId: ref.messageId });
      },
    },
    ...memoryInboxRepositories(t),
    senderLeases: {
      get: async (channel) => {
        const lease = t.senderLeases.get(channel);
        return lease ? { ...lease } : null;
      },
      async swap(expected, next) {
        const current = t.senderLeases.get(next.channel) ?? null;
        const matches = expected === null ? current === null : current !== null && current.holder === expected.holder && current.beat === expected.beat;
        if (matches) t.senderLeases.set(next.channel, { ...next });
        return matches;
      },
    },
  };
}
