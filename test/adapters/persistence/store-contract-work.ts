import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Job } from "../../../src/core/domain/job.js";
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
      expect(claimed[0]).toMatchObject({ channel: "slack", recipient: "slack:maintenance", refKey: `ticket-card:${ticketId}`, status: "sending", attempts: 0, createdAt: t0 });
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

}
