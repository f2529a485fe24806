import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Job } from "../../../src/core/case/job.js";
import type { UnitOfWork } from "../../../src/core/ports/store.js";
import { aSlackCard, aUnit, anOwnerNotice, minutesAfter, t0 } from "./fixtures.js";
import type { ContractContext } from "./store-contract.js";

const lease = (at: Date) => minutesAfter(at, 5);

/** The port's durable work: jobs, outbox, message refs, inbox and key values (see storeContract). */
export function durableWorkContract({ tx, uow, another }: ContractContext): void {
  describe("jobs", () => {
    const enqueueJobs = (runAts: Date[]) =>
      tx(async (s) => {
        const ids: string[] = [];
        for (const runAt of runAts) {
          const id = randomUUID();
          await s.jobs.enqueue({ id, runAt, payload: { type: "clock.due", clockId: `c-${ids.length}` } });
          ids.push(id);
        }
        return ids;
      });

    it("claimDue takes due pending jobs soonest first up to the limit and marks them running without counting an attempt", async () => {
      const [later, sooner, future] = await enqueueJobs([minutesAfter(t0, -1), minutesAfter(t0, -10), minutesAfter(t0, 1)]);
      const claimed = await tx((s) => s.jobs.claimDue(t0, 1, lease(t0)));
      expect(claimed).toEqual([
        { id: sooner, payload: { type: "clock.due", clockId: "c-1" }, runAt: minutesAfter(t0, -10), status: "running", attempts: 0, lastError: null },
      ]);
      expect((await tx((s) => s.jobs.claimDue(t0, 10, lease(t0)))).map((j) => j.id)).toEqual([later]);
      expect(await tx((s) => s.jobs.claimDue(t0, 10, lease(t0)))).toEqual([]);
      expect((await tx((s) => s.jobs.listPending(null, 10))).map((j) => j.id)).toEqual([future]);
    });

    it("a claimed job is not claimed again while its lease runs, and is re-claimed once the lease has expired", async () => {
      const [id] = await enqueueJobs([t0]);
      await tx((s) => s.jobs.claimDue(t0, 10, lease(t0)));
      expect(await tx((s) => s.jobs.claimDue(minutesAfter(t0, 4), 10, lease(minutesAfter(t0, 4))))).toEqual([]);
      const reclaimed = await tx((s) => s.jobs.claimDue(minutesAfter(t0, 5), 10, lease(minutesAfter(t0, 5))));
      expect(reclaimed.map((j) => [j.id, j.status])).toEqual([[id, "running"]]);
    });

    it("two claimers at once never get the same job, and together get every due job", async () => {
      const ids = await enqueueJobs(Array.from({ length: 24 }, (_, i) => minutesAfter(t0, -i)));
      const other = await another();
      const drain = async (store: UnitOfWork) => {
        const mine: Job[] = [];
        for (;;) {
          const batch = await store.transaction((s) => s.jobs.claimDue(t0, 3, lease(t0)));
          if (batch.length === 0) return mine;
          mine.push(...batch);
        }
      };
      const [a, b, c, d] = await Promise.all([drain(uow()), drain(other), drain(uow()), drain(other)]);
      const all = [...(a ?? []), ...(b ?? []), ...(c ?? []), ...(d ?? [])].map((j) => j.id);
      expect(new Set(all).size).toBe(all.length);
      expect([...all].sort()).toEqual([...ids].sort());
    });

    it("markFailed counts an attempt; with a retry instant the job is pending at that instant, without one it has failed for good", async () => {
      const [retried, failed, done] = await enqueueJobs([t0, t0, t0]);
      await tx((s) => s.jobs.claimDue(t0, 10, lease(t0)));
      await tx(async (s) => {
        await s.jobs.markFailed(retried as string, "timeout", minutesAfter(t0, 30));
        await s.jobs.markFailed(failed as string, "bad clock", null);
        await s.jobs.markDone(done as string);
      });
      const pending = await tx((s) => s.jobs.listPending(null, 10));
      expect(pending).toEqual([expect.objectContaining({ id: retried, status: "pending", runAt: minutesAfter(t0, 30), lastError: "timeout", attempts: 1 })]);
      expect(await tx((s) => s.jobs.claimDue(minutesAfter(t0, 29), 10, lease(t0)))).toEqual([]);
      expect((await tx((s) => s.jobs.claimDue(minutesAfter(t0, 30), 10, lease(t0)))).map((j) => [j.id, j.attempts])).toEqual([[retried, 1]]);
      await tx((s) => s.jobs.markFailed(retried as string, "timeout again", minutesAfter(t0, 60)));
      expect(await tx((s) => s.jobs.listPending(null, 10))).toEqual([expect.objectContaining({ id: retried, attempts: 2, lastError: "timeout again" })]);
      await expect(tx((s) => s.jobs.markDone(randomUUID()))).rejects.toMatchObject({ code: "not_found" });
    });

    it("claimDue takes more jobs at once than one statement can bind, soonest first", async () => {
      const ids = await enqueueJobs(Array.from({ length: 1_010 }, (_, i) => minutesAfter(t0, -i)));
      const claimed = await tx((s) => s.jobs.claimDue(t0, 5_000, lease(t0)));
      expect(claimed.map((j) => j.id)).toEqual([...ids].reverse());
      expect(claimed.every((j) => j.status === "running")).toBe(true);
      expect(await tx((s) => s.jobs.claimDue(t0, 5_000, lease(t0)))).toEqual([]);
    });

    it("dueBacklog counts the pending jobs due by now and names the oldest one's instant; running, finished and future jobs are left out", async () => {
      expect(await tx((s) => s.jobs.dueBacklog(t0))).toEqual({ due: 0, oldestDueAt: null });
      const [, , , running, done] = await enqueueJobs([minutesAfter(t0, -5), minutesAfter(t0, -1), minutesAfter(t0, 3), minutesAfter(t0, -60), minutesAfter(t0, -90)]);
      // The two oldest are taken first: one stays running, the other finishes.
      const claimed = await tx((s) => s.jobs.claimDue(t0, 2, lease(t0)));
      expect(claimed.map((j) => j.id).sort()).toEqual([running, done].sort());
      await tx((s) => s.jobs.markDone(done as string));
      expect(await tx((s) => s.jobs.dueBacklog(t0))).toEqual({ due: 2, oldestDueAt: minutesAfter(t0, -5) });
      expect(await tx((s) => s.jobs.dueBacklog(minutesAfter(t0, 3)))).toEqual({ due: 3, oldestDueAt: minutesAfter(t0, -5) });
    });

    it("listPending lists pending jobs due by the given instant, soonest first, up to the limit", async () => {
      const [a, b, c] = await enqueueJobs([minutesAfter(t0, 20), minutesAfter(t0, 10), minutesAfter(t0, 30)]);
      expect((await tx((s) => s.jobs.listPending(minutesAfter(t0, 20), 10))).map((j) => j.id)).toEqual([b, a]);
      expect((await tx((s) => s.jobs.listPending(null, 2))).map((j) => j.id)).toEqual([b, a]);
      expect((await tx((s) => s.jobs.listPending(null, 10))).map((j) => j.id)).toEqual([b, a, c]);
    });
  });

  describe("outbox", () => {
    const enqueue = (payloads: ReturnType<typeof aSlackCard>[], createdAt = t0) =>
      tx(async (s) => {
        const ids: string[] = [];
        for (const payload of payloads) {
          const id = randomUUID();
          await s.outbox.enqueue({ id, payload, createdAt });
          ids.push(id);
        }
        return ids;
      });

    it("enqueue derives channel and ref key; claim takes one channel's messages in seq order up to the limit", async () => {
      const ticketId = randomUUID();
      const [card, notice, second, third] = await enqueue([aSlackCard(ticketId), anOwnerNotice(), aSlackCard(randomUUID(), "cleaning"), aSlackCard(randomUUID(), "security")]);
      const claimed = await tx((s) => s.outbox.claim("slack", t0, 2, lease(t0)));
      expect(claimed.map((m) => m.id)).toEqual([card, second]);
      expect(claimed[0]).toMatchObject({ channel: "slack", recipient: "slack:maintenance", refKey: `case-card:${ticketId}`, status: "sending", attempts: 0, createdAt: t0 });
      expect(claimed[0]!.seq).toBeLessThan(claimed[1]!.seq);
      const telegram = await tx((s) => s.outbox.claim("telegram", t0, 10, lease(t0)));
      expect(telegram.map((m) => [m.id, m.recipient, m.refKey, m.payload])).toEqual([[notice, "telegram:7001", null, anOwnerNotice()]]);
      expect((await tx((s) => s.outbox.claim("slack", t0, 10, lease(t0)))).map((m) => m.id)).toEqual([third]);
    });

    it("a later message to the same recipient waits behind one awaiting its retry, while other recipients' messages go", async () => {
      const [first, otherChat, staff] = await enqueue([anOwnerNotice("7001"), anOwnerNotice("7002"), aSlackCard()]);
      expect((await tx((s) => s.outbox.claim("telegram", t0, 10, lease(t0)))).map((m) => m.id)).toEqual([first, otherChat]);
      await tx(async (s) => {
        await s.outbox.retry(first as string, minutesAfter(t0, 2), "timeout", true);
        await s.outbox.markSent(otherChat as string, "1");
      });
      const [later, another7002] = await enqueue([anOwnerNotice("7001"), anOwnerNotice("7002")]);

      expect((await tx((s) => s.outbox.claim("telegram", minutesAfter(t0, 1), 10, lease(t0)))).map((m) => m.id)).toEqual([another7002]);
      expect((await tx((s) => s.outbox.claim("slack", minutesAfter(t0, 1), 10, lease(t0)))).map((m) => m.id)).toEqual([staff]);
      expect((await tx((s) => s.outbox.claim("telegram", minutesAfter(t0, 2), 10, lease(minutesAfter(t0, 2))))).map((m) => m.id)).toEqual([first]);
      expect(await tx((s) => s.outbox.claim("telegram", minutesAfter(t0, 2), 10, lease(minutesAfter(t0, 2))))).toEqual([]);
      await tx((s) => s.outbox.markSent(first as string, "2"));
      expect((await tx((s) => s.outbox.claim("telegram", minutesAfter(t0, 2), 10, lease(t0)))).map((m) => m.id)).toEqual([later]);
    });

    it("a sending message whose lease expired is its recipient's head: claimed again before the messages queued after it", async () => {
      const [head, next] = await enqueue([aSlackCard(), aSlackCard()]);
      expect((await tx((s) => s.outbox.claim("slack", t0, 10, lease(t0)))).map((m) => m.id)).toEqual([head]);
      expect(await tx((s) => s.outbox.claim("slack", minutesAfter(t0, 4), 10, lease(t0)))).toEqual([]);
      expect((await tx((s) => s.outbox.claim("slack", minutesAfter(t0, 5), 10, lease(minutesAfter(t0, 5))))).map((m) => m.id)).toEqual([head]);
      await tx((s) => s.outbox.markDead(head as string, "gone"));
      expect((await tx((s) => s.outbox.claim("slack", minutesAfter(t0, 5), 10, lease(t0)))).map((m) => m.id)).toEqual([next]);
    });

    it("a new message is deliverable at once, even when created at a later (simulated) instant than the claim", async () => {
      const [id] = await enqueue([aSlackCard()], minutesAfter(t0, 60 * 24 * 30));
      expect((await tx((s) => s.outbox.claim("slack", t0, 10, lease(t0)))).map((m) => m.id)).toEqual([id]);
    });

    it("a message handed back for later is not claimed before its notBefore", async () => {
      const [id] = await enqueue([aSlackCard()]);
      await tx((s) => s.outbox.claim("slack", t0, 10, lease(t0)));
      await tx((s) => s.outbox.retry(id as string, minutesAfter(t0, 1), "held", false));
      expect(await tx((s) => s.outbox.claim("slack", t0, 10, lease(t0)))).toEqual([]);
      expect((await tx((s) => s.outbox.claim("slack", minutesAfter(t0, 1), 10, lease(t0)))).map((m) => m.id)).toEqual([id]);
    });

    it("retry counts an attempt unless it is a rate limit and waits until notBefore; markDead counts the last attempt and keeps the reason", async () => {
      const [limited, failing] = await enqueue([aSlackCard(), aSlackCard()]);
      await tx((s) => s.outbox.claim("slack", t0, 10, lease(t0)));
      await tx(async (s) => {
        await s.outbox.retry(limited as string, minutesAfter(t0, 1), "429 retry_after 60", false);
        await s.outbox.retry(failing as string, minutesAfter(t0, 2), "500", true);
      });
      expect(await tx((s) => s.outbox.findById(limited as string))).toMatchObject({ status: "pending", attempts: 0, lastError: "429 retry_after 60", notBefore: minutesAfter(t0, 1) });
      expect(await tx((s) => s.outbox.findById(failing as string))).toMatchObject({ status: "pending", attempts: 1, lastError: "500" });
      expect((await tx((s) => s.outbox.claim("slack", minutesAfter(t0, 1), 10, lease(t0)))).map((m) => m.id)).toEqual([limited]);
      await tx((s) => s.outbox.markSent(limited as string, "1700000000.000100"));
      expect((await tx((s) => s.outbox.claim("slack", minutesAfter(t0, 2), 10, lease(t0)))).map((m) => m.id)).toEqual([failing]);
      await tx((s) => s.outbox.markDead(failing as string, "channel_not_found"));
      expect(await tx((s) => s.outbox.findById(failing as string))).toMatchObject({ status: "dead", attempts: 2, lastError: "channel_not_found" });
      expect(await tx((s) => s.outbox.findById(limited as string))).toMatchObject({ status: "sent", platformMessageId: "1700000000.000100" });
      expect(await tx((s) => s.outbox.countByStatus())).toEqual({ pending: 0, sending: 0, sent: 1, dead: 1 });
      await expect(tx((s) => s.outbox.markSent(randomUUID(), "x"))).rejects.toMatchObject({ code: "not_found" });
    });

    it("backlog counts undelivered messages (pending or sending) with the oldest one's creation, and the dead letters; sent ones are left out", async () => {
      expect(await tx((s) => s.outbox.backlog())).toEqual({ undelivered: 0, oldestUndeliveredAt: null, dead: 0 });
      const [sending, sent, dead] = await enqueue([aSlackCard(), aSlackCard(), aSlackCard()], minutesAfter(t0, -30));
      await enqueue([anOwnerNotice()], minutesAfter(t0, -10));
      await enqueue([anOwnerNotice("7002")], minutesAfter(t0, -2));
      await tx((s) => s.outbox.claim("slack", t0, 10, lease(t0)));
      await tx(async (s) => {
        await s.outbox.markSent(sent as string, "1700000000.000100");
        await s.outbox.markDead(dead as string, "channel_not_found");
      });
      expect((await tx((s) => s.outbox.findById(sending as string)))?.status).toBe("sending");
      expect(await tx((s) => s.outbox.backlog())).toEqual({ undelivered: 3, oldestUndeliveredAt: minutesAfter(t0, -30), dead: 1 });
      await tx((s) => s.outbox.markSent(sending as string, "1700000000.000200"));
      expect(await tx((s) => s.outbox.backlog())).toEqual({ undelivered: 2, oldestUndeliveredAt: minutesAfter(t0, -10), dead: 1 });
    });

    it("requeueDead puts dead letters back, deliverable at once with a fresh attempt count, and leaves the rest alone", async () => {
      const [dead, sent] = await enqueue([aSlackCard(), aSlackCard()]);
      await tx((s) => s.outbox.claim("slack", t0, 10, lease(t0)));
      await tx(async (s) => {
        await s.outbox.markDead(dead as string, "channel_not_found");
        await s.outbox.markSent(sent as string, "1.0");
      });

      expect(await tx((s) => s.outbox.requeueDead())).toBe(1);

      expect(await tx((s) => s.outbox.findById(dead as string))).toMatchObject({ status: "pending", attempts: 0, lastError: "channel_not_found" });
      expect((await tx((s) => s.outbox.claim("slack", t0, 10, lease(t0)))).map((m) => m.id)).toEqual([dead]);
      expect(await tx((s) => s.outbox.requeueDead())).toBe(0);
    });

    it("a sending message whose lease expired is claimed again; a live lease keeps it", async () => {
      const [id] = await enqueue([aSlackCard()]);
      await tx((s) => s.outbox.claim("slack", t0, 10, lease(t0)));
      expect(await tx((s) => s.outbox.claim("slack", minutesAfter(t0, 4), 10, lease(t0)))).toEqual([]);
      expect((await tx((s) => s.outbox.claim("slack", minutesAfter(t0, 5), 10, lease(t0)))).map((m) => m.id)).toEqual([id]);
    });

    it("two claimers at once never get the same message", async () => {
      const ids = await enqueue(Array.from({ length: 20 }, (_, i) => anOwnerNotice(`${7000 + i}`)));
      const other = await another();
      const claims = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? other : uow()).transaction((s) => s.outbox.claim("telegram", t0, 3, lease(t0)))),
      );
      const all = claims.flat().map((m) => m.id);
      expect(new Set(all).size).toBe(all.length);
      expect([...all].sort()).toEqual([...ids].sort());
    });

    it("a claim takes the first heads in seq order even when more recipients wait than one statement can bind", async () => {
      const ids = await enqueue(Array.from({ length: 1_200 }, (_, i) => anOwnerNotice(`${10_000 + i}`)));
      expect((await tx((s) => s.outbox.claim("telegram", t0, 3, lease(t0)))).map((m) => m.id)).toEqual(ids.slice(0, 3));
      expect((await tx((s) => s.outbox.claim("telegram", t0, 5_000, lease(t0)))).map((m) => m.id)).toEqual(ids.slice(3));
    });

    it("message refs are set and overwritten by key", async () => {
      await tx((s) => s.messageRefs.set("ticket-card:1", { channel: "C1", messageId: "1.0" }));
      await tx((s) => s.messageRefs.set("ticket-card:1", { channel: "C1", messageId: "2.0" }));
      expect(await tx((s) => s.messageRefs.get("ticket-card:1"))).toEqual({ channel: "C1", messageId: "2.0" });
      expect(await tx((s) => s.messageRefs.get("ticket-card:2"))).toBeNull();
    });
  });

  describe("inbox and key values", () => {
    it("recordOnce is true the first time and false for the same source and update id", async () => {
      expect(await tx((s) => s.inbox.recordOnce("telegram", "1001", t0))).toBe(true);
      expect(await tx((s) => s.inbox.recordOnce("telegram", "1001", minutesAfter(t0, 1)))).toBe(false);
      expect(await tx((s) => s.inbox.recordOnce("slack", "1001", t0))).toBe(true);
    });

    it("a forgotten update is seen no more and can be recorded again", async () => {
      await tx((s) => s.inbox.recordOnce("slack", "Ev7", t0));
      expect(await tx((s) => s.inbox.seen("slack", "Ev7"))).toBe(true);
      expect(await tx((s) => s.inbox.seen("telegram", "Ev7"))).toBe(false);

      await tx((s) => s.inbox.forget("slack", "Ev7"));

      expect(await tx((s) => s.inbox.seen("slack", "Ev7"))).toBe(false);
      expect(await tx((s) => s.inbox.recordOnce("slack", "Ev7", t0))).toBe(true);
    });

    it("a duplicate update does not spoil the transaction it is recorded in", async () => {
      await tx((s) => s.inbox.recordOnce("slack", "Ev1", t0));
      const unit = await tx(async (s) => {
        expect(await s.inbox.recordOnce("slack", "Ev1", t0)).toBe(false);
        return s.units.upsert(aUnit());
      });
      expect(await tx((s) => s.units.findById(unit.id))).toEqual(unit);
    });

    it("key values are set, overwritten and deleted", async () => {
      await tx((s) => s.keyValues.set("conv:1", '{"a":1}'));
      await tx((s) => s.keyValues.set("conv:1", '{"a":2}'));
      expect(await tx((s) => s.keyValues.get("conv:1"))).toBe('{"a":2}');
      await tx(async (s) => {
        await s.keyValues.delete("conv:1");
        await s.keyValues.delete("conv:never");
      });
      expect(await tx((s) => s.keyValues.get("conv:1"))).toBeNull();
    });
  });

  describe("retention", () => {
    const daysBefore = (days: number) => minutesAfter(t0, -days * 24 * 60);
    const enqueueJobsAt = (runAts: Date[]) =>
      tx(async (s) => {
        const ids: string[] = [];
        for (const runAt of runAts) {
          const id = randomUUID();
          await s.jobs.enqueue({ id, runAt, payload: { type: "clock.due", clockId: `c-${ids.length}` } });
          ids.push(id);
        }
        return ids;
      });
    const sentMessages = (createdAts: Date[]) =>
      tx(async (s) => {
        const ids: string[] = [];
        for (const [i, createdAt] of createdAts.entries()) {
          const id = randomUUID();
          await s.outbox.enqueue({ id, payload: anOwnerNotice(`${8000 + i}`), createdAt });
          ids.push(id);
        }
        await s.outbox.claim("telegram", t0, createdAts.length, lease(t0));
        for (const id of ids) await s.outbox.markSent(id, `m-${id}`);
        return ids;
      });
    const finishedJobs = (jobs: Array<{ runAt: Date; outcome: "done" | "failed" }>) =>
      tx(async (s) => {
        const ids: string[] = [];
        for (const [i, job] of jobs.entries()) {
          const id = randomUUID();
          await s.jobs.enqueue({ id, runAt: job.runAt, payload: { type: "clock.due", clockId: `c-${i}` } });
          ids.push(id);
        }
        await s.jobs.claimDue(t0, jobs.length, lease(t0));
        for (const [i, job] of jobs.entries()) {
          if (job.outcome === "done") await s.jobs.markDone(ids[i] as string);
          else await s.jobs.markFailed(ids[i] as string, "bad clock", null);
        }
        return ids;
      });

    it("sent messages older than the retention are pruned; pending, sending and dead ones never are, however old", async () => {
      const old = daysBefore(30);
      const [sentA, sentB, pending, sending, dead, recent] = await tx(async (s) => {
        const ids: string[] = [];
        for (const [i, createdAt] of [old, old, old, old, old, t0].entries()) {
          const id = randomUUID();
          await s.outbox.enqueue({ id, payload: anOwnerNotice(`${7100 + i}`), createdAt });
          ids.push(id);
        }
        return ids;
      });
      expect(await tx((s) => s.outbox.claim("telegram", t0, 10, lease(t0)))).toHaveLength(6);
      await tx(async (s) => {
        await s.outbox.markSent(sentA as string, "1");
        await s.outbox.markSent(sentB as string, "2");
        await s.outbox.retry(pending as string, minutesAfter(t0, 1), "timeout", true);
        await s.outbox.markDead(dead as string, "chat not found");
        await s.outbox.markSent(recent as string, "3");
      });

      expect(await tx((s) => s.outbox.pruneSent(daysBefore(7), 100))).toBe(2);

      expect(await tx((s) => s.outbox.findById(sentA as string))).toBeNull();
      expect(await tx((s) => s.outbox.findById(sentB as string))).toBeNull();
      expect(await tx((s) => s.outbox.findById(pending as string))).toMatchObject({ status: "pending" });
      expect(await tx((s) => s.outbox.findById(sending as string))).toMatchObject({ status: "sending" });
      expect(await tx((s) => s.outbox.findById(dead as string))).toMatchObject({ status: "dead" });
      expect(await tx((s) => s.outbox.findById(recent as string))).toMatchObject({ status: "sent" });
      expect(await tx((s) => s.outbox.countByStatus())).toEqual({ pending: 1, sending: 1, sent: 1, dead: 1 });
      expect(await tx((s) => s.outbox.pruneSent(daysBefore(7), 100))).toBe(0);
    });

    it("pruning sent messages deletes at most the limit per call, oldest first; one created at the cut-off instant stays", async () => {
      // Written out of creation order, so oldest first cannot be mistaken for write order.
      const [dayAgo, threeDaysAgo, twoDaysAgo, atCutOff] = await sentMessages([daysBefore(1), daysBefore(3), daysBefore(2), t0]);

      expect(await tx((s) => s.outbox.pruneSent(t0, 0))).toBe(0);
      expect(await tx((s) => s.outbox.pruneSent(t0, 2))).toBe(2);

      expect(await tx((s) => s.outbox.findById(threeDaysAgo as string))).toBeNull();
      expect(await tx((s) => s.outbox.findById(twoDaysAgo as string))).toBeNull();
      expect(await tx((s) => s.outbox.findById(dayAgo as string))).toMatchObject({ status: "sent" });
      expect(await tx((s) => s.outbox.pruneSent(t0, 2))).toBe(1);
      expect(await tx((s) => s.outbox.pruneSent(t0, 2))).toBe(0);
      expect(await tx((s) => s.outbox.findById(atCutOff as string))).toMatchObject({ status: "sent" });
    });

    it("finished jobs older than the retention are pruned, done and failed for good; pending, running and retrying ones never are", async () => {
      const [recentDone] = await finishedJobs([{ runAt: t0, outcome: "done" }]);
      const old = daysBefore(30);
      const [done, failed, retrying, running] = await enqueueJobsAt([old, old, old, old]);
      expect(await tx((s) => s.jobs.claimDue(t0, 10, lease(t0)))).toHaveLength(4);
      await tx(async (s) => {
        await s.jobs.markDone(done as string);
        await s.jobs.markFailed(failed as string, "bad clock", null);
        await s.jobs.markFailed(retrying as string, "timeout", daysBefore(29));
      });
      const [pending] = await enqueueJobsAt([old]);

      expect(await tx((s) => s.jobs.pruneFinished(daysBefore(7), 100))).toBe(2);

      expect(await tx((s) => s.jobs.pruneFinished(daysBefore(7), 100))).toBe(0);
      expect((await tx((s) => s.jobs.listPending(null, 10))).map((j) => j.id).sort()).toEqual([retrying, pending].sort());
      const afterLease = minutesAfter(t0, 5);
      expect((await tx((s) => s.jobs.claimDue(afterLease, 10, lease(afterLease)))).map((j) => j.id).sort()).toEqual([retrying, running, pending].sort());
      expect(await tx((s) => s.jobs.pruneFinished(minutesAfter(t0, 1), 100))).toBe(1);
      await expect(tx((s) => s.jobs.markDone(recentDone as string))).rejects.toMatchObject({ code: "not_found" });
      await expect(tx((s) => s.jobs.markDone(done as string))).rejects.toMatchObject({ code: "not_found" });
      await expect(tx((s) => s.jobs.markDone(failed as string))).rejects.toMatchObject({ code: "not_found" });
    });

    it("pruning finished jobs deletes at most the limit per call, oldest run first across done and failed; one run at the cut-off instant stays", async () => {
      await finishedJobs([
        { runAt: daysBefore(1), outcome: "done" },
        { runAt: daysBefore(3), outcome: "done" },
        { runAt: daysBefore(2), outcome: "failed" },
        { runAt: t0, outcome: "done" },
      ]);

      expect(await tx((s) => s.jobs.pruneFinished(t0, 0))).toBe(0);
      expect(await tx((s) => s.jobs.pruneFinished(t0, 2))).toBe(2);

      expect(await tx((s) => s.jobs.pruneFinished(daysBefore(1), 10))).toBe(0);
      expect(await tx((s) => s.jobs.pruneFinished(t0, 10))).toBe(1);
      expect(await tx((s) => s.jobs.pruneFinished(t0, 10))).toBe(0);
      expect(await tx((s) => s.jobs.pruneFinished(minutesAfter(t0, 1), 10))).toBe(1);
    });

    it("one call prunes more rows than one statement can bind: sent messages, finished jobs and inbox records", async () => {
      const many = Array.from({ length: 1_010 }, (_, i) => minutesAfter(daysBefore(10), i));
      await sentMessages(many);
      await finishedJobs(many.map((runAt, i) => ({ runAt, outcome: i % 2 ? "done" : "failed" })));
      await tx(async (s) => {
        for (const [i, at] of many.entries()) await s.inbox.recordOnce(i % 2 ? "telegram" : "slack", `u${i}`, at);
      });

      expect(await tx((s) => s.outbox.pruneSent(t0, 5_000))).toBe(many.length);
      expect(await tx((s) => s.jobs.pruneFinished(t0, 5_000))).toBe(many.length);
      expect(await tx((s) => s.inbox.prune(t0, 5_000))).toBe(many.length);
      expect(await tx((s) => s.outbox.countByStatus())).toEqual({ pending: 0, sending: 0, sent: 0, dead: 0 });
    });

    it("inbox records received before the retention are pruned, oldest first, at most the limit per call; a pruned update is new again", async () => {
      await tx(async (s) => {
        await s.inbox.recordOnce("telegram", "1", daysBefore(3));
        await s.inbox.recordOnce("slack", "Ev1", daysBefore(2));
        await s.inbox.recordOnce("telegram", "2", daysBefore(1));
        await s.inbox.recordOnce("telegram", "3", t0);
      });

      expect(await tx((s) => s.inbox.prune(t0, 0))).toBe(0);
      expect(await tx((s) => s.inbox.prune(t0, 2))).toBe(2);

      expect(await tx((s) => s.inbox.seen("telegram", "1"))).toBe(false);
      expect(await tx((s) => s.inbox.seen("slack", "Ev1"))).toBe(false);
      expect(await tx((s) => s.inbox.seen("telegram", "2"))).toBe(true);
      expect(await tx((s) => s.inbox.prune(t0, 2))).toBe(1);
      expect(await tx((s) => s.inbox.prune(t0, 2))).toBe(0);
      expect(await tx((s) => s.inbox.seen("telegram", "3"))).toBe(true);
      expect(await tx((s) => s.inbox.recordOnce("telegram", "1", t0))).toBe(true);
    });
  });

}
