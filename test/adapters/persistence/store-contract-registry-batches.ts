import { describe, expect, it } from "vitest";
import type { ContractContext } from "./store-contract.js";
import { aResident, aUnit } from "./fixtures.js";

/** Enough rows that every batch statement is split, past SQLite's 999 bind values. */
const many = 1_300;
const unitNumber = (n: number) => String(n).padStart(4, "0");

/** The batch upserts and removals the registry import writes with, on every store. */
export function registryBatchesContract({ tx }: ContractContext): void {
  describe("registry batches", () => {
    it("upsertMany adds new units and updates existing ones by address, in the order given, saying which were new", async () => {
      const existing = await tx((s) => s.units.upsert(aUnit({ unit: "0001", areaM2: 80 })));

      const stored = await tx((s) => s.units.upsertMany([aUnit({ unit: "0002" }), aUnit({ unit: "0001", areaM2: 91, warrantyMonths: 12 })]));

      expect(stored.map((entry) => [entry.unit.unit, entry.created])).toEqual([["0002", true], ["0001", false]]);
      expect(stored[1]?.unit.id).toBe(existing.id);
      expect(await tx((s) => s.units.findById(existing.id))).toEqual({ ...aUnit({ unit: "0001", areaM2: 91, warrantyMonths: 12 }), id: existing.id });
      expect(await tx((s) => s.units.findByAddress("3", "0002"))).toEqual(stored[0]?.unit);
    });

    it(`upsertMany and the residents' batches handle ${many} rows, past the bind-value limit of one statement`, async () => {
      const units = Array.from({ length: many }, (_, n) => aUnit({ unit: unitNumber(n) }));
      const stored = await tx((s) => s.units.upsertMany(units));
      const residents = stored.map(({ unit }, n) => aResident(unit.id, { phone: `+86139${String(n).padStart(8, "0")}` }));
      await tx((s) => s.residents.upsertMany(residents));

      const again = await tx((s) => s.units.upsertMany(units));
      // Only a changed row is written again; the others are looked up and left alone.
      await tx((s) => s.residents.upsertMany(residents.map((resident, n) => (n === many - 1 ? { ...resident, name: "李伟" } : resident))));

      expect(stored.filter((entry) => entry.created)).toHaveLength(many);
      expect(again.filter((entry) => entry.created)).toHaveLength(0);
      expect(again.map((entry) => entry.unit.id)).toEqual(stored.map((entry) => entry.unit.id));
      const last = await tx((s) => s.residents.findByPhone(residents.at(-1)!.phone));
      expect(last).toEqual([expect.objectContaining({ unitId: stored.at(-1)?.unit.id, name: "李伟" })]);

      const listed = new Map(stored.map(({ unit }) => [unit.id, [] as string[]]));
      expect(await tx((s) => s.residents.removeRegistryOwnersExceptMany(listed))).toBe(many);
    });

    it("insertMany adds residents of new units, and refuses one already there instead of duplicating it", async () => {
      const [unit] = (await tx((s) => s.units.upsertMany([aUnit({ unit: "0001" })]))).map((entry) => entry.unit);
      await tx((s) => s.residents.insertMany([aResident(unit!.id, { phone: "+8613800000001" }), aResident(unit!.id, { phone: "+8613800000002" })]));

      await expect(tx((s) => s.residents.insertMany([aResident(unit!.id, { phone: "+8613800000001" })]))).rejects.toThrow();
      expect(await tx((s) => s.residents.findByPhone("+8613800000001"))).toHaveLength(1);
      expect(await tx((s) => s.residents.findByPhone("+8613800000002"))).toEqual([expect.objectContaining({ unitId: unit!.id })]);
    });

    it("removeRegistryOwnersExceptMany removes, per listed unit, only the registry owners it no longer lists", async () => {
      const [a, b, unlisted] = (await tx((s) => s.units.upsertMany([aUnit({ unit: "0001" }), aUnit({ unit: "0002" }), aUnit({ unit: "0003" })]))).map((entry) => entry.unit);
      await tx((s) =>
        s.residents.upsertMany([
          aResident(a!.id, { phone: "+8613800000001" }),
          aResident(a!.id, { phone: "+8613800000002" }),
          aResident(a!.id, { phone: "+8613800000003", source: "front_desk" }),
          aResident(b!.id, { phone: "+8613800000004" }),
          aResident(unlisted!.id, { phone: "+8613800000005" }),
        ]),
      );

      const removed = await tx((s) => s.residents.removeRegistryOwnersExceptMany(new Map([[a!.id, ["+8613800000001"]], [b!.id, ["+8613800000004"]]])));

      expect(removed).toBe(1);
      const phones = async (n: string) => tx((s) => s.residents.findByPhone(`+861380000000${n}`));
      expect((await Promise.all(["1", "2", "3", "4", "5"].map(phones))).map((found) => found.length)).toEqual([1, 0, 1, 1, 1]);
    });
  });
}
