import { describe, expect, it } from "vitest";
import type { ClaimOutcome, UpdateClaim } from "../../../src/core/ports/store.js";
import { aUnit, minutesAfter, t0 } from "./fixtures.js";
import type { ContractContext } from "./store-contract.js";

const claimBy = (holder: string, at: Date = t0): UpdateClaim => ({ holder, at, leaseUntil: minutesAfter(at, 1) });

/** Claiming incoming updates before acting, and compare-and-set key values, on every store. */
export function claimsContract({ tx, uow, another }: ContractContext): void {
  describe("claimed updates", () => {
    it("the first claim of an update gets it; while its lease runs another holder finds it held, and once done every claim finds it done", async () => {
      expect(await tx((s) => s.inbox.claim("telegram", "501", claimBy("a")))).toBe("claimed");
      expect(await tx((s) => s.inbox.claim("telegram", "501", claimBy("b", minutesAfter(t0, 0.5))))).toBe("held");
      expect(await tx((s) => s.inbox.claim("slack", "501", claimBy("b")))).toBe("claimed");

      expect(await tx((s) => s.inbox.complete("telegram", "501", "a"))).toBe(true);

      expect(await tx((s) => s.inbox.claim("telegram", "501", claimBy("b", minutesAfter(t0, 0.5))))).toBe("done");
      expect(await tx((s) => s.inbox.claim("telegram", "501", claimBy("a", minutesAfter(t0, 90))))).toBe("done");
      expect(await tx((s) => s.inbox.seen("telegram", "501"))).toBe(true);
    });

    it("a released claim is claimed again at once; a release by another holder or of a done update changes nothing", async () => {
      await tx((s) => s.inbox.claim("telegram", "502", claimBy("a")));
      await tx((s) => s.inbox.release("telegram", "502", "b"));
      expect(await tx((s) => s.inbox.claim("telegram", "502", claimBy("b")))).toBe("held");

      await tx((s) => s.inbox.release("telegram", "502", "a"));

      expect(await tx((s) => s.inbox.claim("telegram", "502", claimBy("b")))).toBe("claimed");
      await tx((s) => s.inbox.complete("telegram", "502", "b"));
      await tx((s) => s.inbox.release("telegram", "502", "b"));
      expect(await tx((s) => s.inbox.claim("telegram", "502", claimBy("c")))).toBe("done");
    });

    it("a claim whose lease has run out is taken over, and its first holder can no longer mark it done", async () => {
      await tx((s) => s.inbox.claim("telegram", "503", claimBy("killed")));

      expect(await tx((s) => s.inbox.claim("telegram", "503", claimBy("restarted", minutesAfter(t0, 1))))).toBe("claimed");

      expect(await tx((s) => s.inbox.complete("telegram", "503", "killed"))).toBe(false);
      expect(await tx((s) => s.inbox.claim("telegram", "503", claimBy("third", minutesAfter(t0, 1.5))))).toBe("held");
      expect(await tx((s) => s.inbox.complete("telegram", "503", "restarted"))).toBe(true);
    });

    it("an update recorded once (Slack's way) is done for a claim", async () => {
      await tx((s) => s.inbox.recordOnce("slack", "Ev9", t0));
      expect(await tx((s) => s.inbox.claim("slack", "Ev9", claimBy("a")))).toBe("done");
    });

    it("of many claims of one update at once, from two connections, exactly one gets it", async () => {
      const other = await another();
      const outcomes: ClaimOutcome[] = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? other : uow()).transaction((s) => s.inbox.claim("telegram", "504", claimBy(`holder-${i}`)))),
      );
      expect(outcomes.filter((outcome) => outcome === "claimed")).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === "held")).toHaveLength(9);
    });

    it("a repeated claim does not spoil the transaction it is made in", async () => {
      await tx((s) => s.inbox.claim("telegram", "505", claimBy("a")));
      const unit = await tx(async (s) => {
        expect(await s.inbox.claim("telegram", "505", claimBy("b"))).toBe("held");
        return s.units.upsert(aUnit());
      });
      expect(await tx((s) => s.units.findById(unit.id))).toEqual(unit);
    });
  });

  describe("versioned key values", () => {
    it("every write moves the version on; a compare-and-set writes only over the version it names", async () => {
      expect(await tx((s) => s.keyValues.getVersioned("conv:9"))).toBeNull();
      expect(await tx((s) => s.keyValues.setIfVersion("conv:9", "a", null))).toBe(1);
      expect(await tx((s) => s.keyValues.setIfVersion("conv:9", "b", null))).toBeNull();
      expect(await tx((s) => s.keyValues.setIfVersion("conv:9", "b", 1))).toBe(2);
      expect(await tx((s) => s.keyValues.setIfVersion("conv:9", "stale", 1))).toBeNull();
      await tx((s) => s.keyValues.set("conv:9", "c"));

      expect(await tx((s) => s.keyValues.getVersioned("conv:9"))).toEqual({ value: "c", version: 3 });
      expect(await tx((s) => s.keyValues.get("conv:9"))).toBe("c");
    });

    it("a delete at a stale version leaves the newer document; at the current version it deletes", async () => {
      await tx((s) => s.keyValues.setIfVersion("conv:10", "a", null));
      await tx((s) => s.keyValues.setIfVersion("conv:10", "b", 1));

      expect(await tx((s) => s.keyValues.deleteIfVersion("conv:10", 1))).toBe(false);
      expect(await tx((s) => s.keyValues.get("conv:10"))).toBe("b");
      expect(await tx((s) => s.keyValues.deleteIfVersion("conv:10", 2))).toBe(true);
      expect(await tx((s) => s.keyValues.getVersioned("conv:10"))).toBeNull();
      expect(await tx((s) => s.keyValues.deleteIfVersion("conv:10", 2))).toBe(false);
    });

    it("of many compare-and-sets over one version at once, from two connections, exactly one writes", async () => {
      await tx((s) => s.keyValues.setIfVersion("conv:11", "start", null));
      const other = await another();
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? other : uow()).transaction((s) => s.keyValues.setIfVersion("conv:11", `writer-${i}`, 1))),
      );
      const winners = results.flatMap((version, i) => (version === null ? [] : [i]));
      expect(winners).toHaveLength(1);
      expect(await tx((s) => s.keyValues.getVersioned("conv:11"))).toEqual({ value: `writer-${winners[0]}`, version: 2 });
    });

    it("of many inserts of an absent key at once exactly one writes, and the transactions of the others stay usable", async () => {
      const other = await another();
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? other : uow()).transaction(async (s) => {
            const version = await s.keyValues.setIfVersion("lease:1", `holder-${i}`, null);
            await s.keyValues.set(`after:${i}`, "ok");
            return version;
          }),
        ),
      );
      expect(results.filter((version) => version === 1)).toHaveLength(1);
      expect(await tx(async (s) => Promise.all(results.map((_, i) => s.keyValues.get(`after:${i}`))))).toEqual(results.map(() => "ok"));
    });
  });
}
