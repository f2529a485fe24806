import { describe, expect, it } from "vitest";
import type { ContractContext } from "./store-contract.js";
import { aPriceItem } from "./fixtures.js";

/** The price standards' items, on every store. */
export function priceStandardContract({ tx }: ContractContext): void {
  describe("price standard", () => {
    it("upsertMany adds new items and updates existing ones by code, in the order given, saying which were new", async () => {
      await tx((s) => s.prices.upsertMany([aPriceItem({ code: "MT-TAP", priceFen: 3_000 })]));

      const stored = await tx((s) =>
        s.prices.upsertMany([aPriceItem({ code: "MT-DRAIN", nameZh: "疏通地漏", nameEn: "Unclog a drain", priceFen: 8_000 }), aPriceItem({ code: "MT-TAP", priceFen: 3_550, nameEn: "Replace a kitchen tap" })]),
      );

      expect(stored.map((entry) => [entry.item.code, entry.created])).toEqual([["MT-DRAIN", true], ["MT-TAP", false]]);
      expect(await tx((s) => s.prices.findByCode("MT-TAP"))).toEqual(aPriceItem({ code: "MT-TAP", priceFen: 3_550, nameEn: "Replace a kitchen tap" }));
      expect(await tx((s) => s.prices.listByTeam("maintenance"))).toHaveLength(2);
    });

    it("lists one team's items by code, and finds nothing for an unknown code", async () => {
      await tx((s) =>
        s.prices.upsertMany([
          aPriceItem({ code: "GR-ONE-OFF", team: "greening", pricingUnit: "visit", priceFen: 20_000, onsitePricing: true }),
          aPriceItem({ code: "CL-WHOLE-FLAT", team: "cleaning", pricingUnit: "m2", priceFen: 800, onsitePricing: true }),
          aPriceItem({ code: "CL-HOURLY", team: "cleaning", pricingUnit: "hour", priceFen: 5_000 }),
          aPriceItem({ code: "CL-MONTHLY", team: "cleaning", pricingUnit: "month", priceFen: 88_000 }),
        ]),
      );

      const cleaning = await tx((s) => s.prices.listByTeam("cleaning"));

      expect(cleaning.map((item) => [item.code, item.pricingUnit, item.priceFen, item.onsitePricing])).toEqual([
        ["CL-HOURLY", "hour", 5_000, false],
        ["CL-MONTHLY", "month", 88_000, false],
        ["CL-WHOLE-FLAT", "m2", 800, true],
      ]);
      expect(await tx((s) => s.prices.listByTeam("maintenance"))).toEqual([]);
      expect(await tx((s) => s.prices.findByCode("GR-PRUNE"))).toBeNull();
    });

    it("keeps the largest price a row holds (¥21,474,836.47) to the fen", async () => {
      await tx((s) => s.prices.upsertMany([aPriceItem({ code: "MT-BIG", priceFen: 2_147_483_647 })]));

      expect((await tx((s) => s.prices.findByCode("MT-BIG")))?.priceFen).toBe(2_147_483_647);
    });

    it("an upsert in a transaction that fails leaves the standard as it was", async () => {
      await tx((s) => s.prices.upsertMany([aPriceItem({ priceFen: 3_000 })]));

      await expect(
        tx(async (s) => {
          await s.prices.upsertMany([aPriceItem({ priceFen: 9_900 }), aPriceItem({ code: "MT-NEW" })]);
          throw new Error("a later row failed");
        }),
      ).rejects.toThrow("a later row failed");

      expect((await tx((s) => s.prices.findByCode("MT-TAP")))?.priceFen).toBe(3_000);
      expect(await tx((s) => s.prices.findByCode("MT-NEW"))).toBeNull();
    });
  });
}
