import { describe, expect, it } from "vitest";
import { resentAfterCrash } from "../../../src/core/domain/outbox.js";
import type { ContractContext } from "./store-contract.js";

const notice = (id: string, chatId: string) => ({ id, createdAt: new Date(), payload: { type: "owner.notice" as const, chatId, locale: "en" as const, key: "repair.received", params: {}, buttons: [] } });

/** Lease owners on outbox claims, and taking back a dead owner's leases, on every store. */
export function outboxLeasesContract({ tx, another }: ContractContext): void {
  describe("outbox lease owners", () => {
    it("a claim records its owner; releasing an owner's leases makes its messages deliverable at once without counting an attempt", async () => {
      await tx(async (s) => {
        for (const [id, chat] of [["a1", "1"], ["a2", "1"], ["b1", "2"], ["c1", "3"]] as const) await s.outbox.enqueue(notice(id, chat));
      });
      const now = new Date();
      const lease = new Date(now.getTime() + 120_000);
      await tx((s) => s.outbox.claim("telegram", now, 1, lease, "dead-owner"));
      await tx((s) => s.outbox.claim("telegram", now, 1, lease, "live-owner"));
      await tx((s) => s.outbox.claim("telegram", now, 1, lease));

      expect(await tx((s) => s.outbox.leaseOwners())).toEqual(["dead-owner", "live-owner"]);
      expect(await tx((s) => s.outbox.claim("telegram", now, 10, lease, "third"))).toEqual([]);

      expect(await tx((s) => s.outbox.releaseLeasesOf("dead-owner"))).toBe(1);

      expect(await tx((s) => s.outbox.leaseOwners())).toEqual(["live-owner"]);
      const again = await tx((s) => s.outbox.claim("telegram", now, 10, lease, "third"));
      expect(again.map((message) => [message.id, message.attempts, message.lastError])).toEqual([["a1", 0, resentAfterCrash]]);
      expect(await tx((s) => s.outbox.releaseLeasesOf("nobody"))).toBe(0);
    });
  });

  describe("job claim owners", () => {
    const due = (id: string) => ({ id, runAt: new Date(Date.now() - 60_000), payload: { type: "clock.due" as const, clockId: `c-${id}` } });

    it("only the claim's owner holds a running job; a released claim goes back to pending and its old owner no longer holds it", async () => {
      await tx(async (s) => {
        for (const id of ["j1", "j2"]) await s.jobs.enqueue(due(id));
      });
      const now = new Date();
      const lease = new Date(now.getTime() + 60_000);
      await tx((s) => s.jobs.claimDue(now, 1, lease, "dead-owner"));
      await tx((s) => s.jobs.claimDue(now, 1, lease, "live-owner"));

      expect(await tx((s) => s.jobs.leaseOwners())).toEqual(["dead-owner", "live-owner"]);
      expect(await tx((s) => s.jobs.holdClaim("j1", "dead-owner"))).toBe(true);
      expect(await tx((s) => s.jobs.holdClaim("j1", "live-owner"))).toBe(false);

      expect(await tx((s) => s.jobs.releaseLeasesOf("dead-owner"))).toBe(1);
      expect(await tx((s) => s.jobs.holdClaim("j1", "dead-owner"))).toBe(false);
      const taken = await tx((s) => s.jobs.claimDue(now, 10, lease, "heir"));
      expect(taken.map((job) => [job.id, job.attempts])).toEqual([["j1", 0]]);
      expect(await tx((s) => s.jobs.holdClaim("j1", "heir"))).toBe(true);
      await tx((s) => s.jobs.markDone("j1"));
      expect(await tx((s) => s.jobs.holdClaim("j1", "heir"))).toBe(false);
      expect(await tx((s) => s.jobs.leaseOwners())).toEqual(["live-owner"]);
    });
  });

  describe("sender leases", () => {
    it("a swap writes only from the row it expects: of two takers from the same row exactly one wins", async () => {
      expect(await tx((s) => s.senderLeases.get("telegram"))).toBeNull();
      expect(await tx((s) => s.senderLeases.swap(null, { channel: "telegram", holder: "a", beat: 1, pausedUntil: null }))).toBe(true);
      expect(await tx((s) => s.senderLeases.swap(null, { channel: "telegram", holder: "b", beat: 1, pausedUntil: null }))).toBe(false);

      const pausedUntil = new Date("2026-12-01T10:00:05.000Z");
      const other = await another();
      const [first, second] = await Promise.all([
        tx((s) => s.senderLeases.swap({ holder: "a", beat: 1 }, { channel: "telegram", holder: "b", beat: 2, pausedUntil })),
        other.transaction((s) => s.senderLeases.swap({ holder: "a", beat: 1 }, { channel: "telegram", holder: "c", beat: 2, pausedUntil: null })),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      const row = await tx((s) => s.senderLeases.get("telegram"));
      expect(row).toEqual(first ? { channel: "telegram", holder: "b", beat: 2, pausedUntil } : { channel: "telegram", holder: "c", beat: 2, pausedUntil: null });
      expect(await tx((s) => s.senderLeases.get("slack"))).toBeNull();
    });
  });
}
