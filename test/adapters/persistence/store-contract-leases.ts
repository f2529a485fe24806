import { describe, expect, it } from "vitest";
import type { ContractContext } from "./store-contract.js";

const notice = (id: string, chatId: string) => ({ id, createdAt: new Date(), payload: { type: "owner.notice" as const, chatId, locale: "en" as const, key: "repair.received", params: {}, buttons: [] } });

/** Lease owners on outbox claims, and taking back a dead owner's leases, on every store. */
export function outboxLeasesContract({ tx }: ContractContext): void {
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
      expect(again.map((message) => [message.id, message.attempts])).toEqual([["a1", 0]]);
      expect(await tx((s) => s.outbox.releaseLeasesOf("nobody"))).toBe(0);
    });
  });
}
