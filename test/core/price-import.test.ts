import { describe, expect, it } from "vitest";
import { importPrices } from "../../src/core/use-cases/import-prices.js";
import { createFixture } from "../support/workflow-fixture.js";

const numbered = (rows: Record<string, string>[]) => rows.map((values, index) => ({ line: index + 2, values }));

function priceRow(overrides: Partial<Record<string, string>> = {}): Record<string, string> {
  return { code: "MT-TAP", team: "maintenance", name_zh: "更换水龙头", name_en: "Replace a tap", pricing_unit: "visit", price: "30.00", onsite_pricing: "no", ...overrides };
}

const standard = [
  priceRow(),
  priceRow({ code: "MT-DRAIN", name_zh: "疏通地漏", name_en: "Unclog a drain", price: "80" }),
  priceRow({ code: "CL-MONTHLY", team: "cleaning", name_zh: "包月清洁", name_en: "Monthly cleaning package", pricing_unit: "month", price: "880.00" }),
  priceRow({ code: "CL-WHOLE-FLAT", team: "cleaning", name_zh: "全屋清洁", name_en: "Whole-flat cleaning", pricing_unit: "m2", price: "8.5", onsite_pricing: "yes" }),
  priceRow({ code: "CL-HOURLY", team: "cleaning", name_zh: "钟点清洁", name_en: "Hourly cleaning", pricing_unit: "hour", price: "50.00" }),
  priceRow({ code: "GR-ONE-OFF", team: "greening", name_zh: "庭院绿化养护（单次）", name_en: "Garden care (one-off)", price: "200.00", onsite_pricing: "yes" }),
];

describe("importing the price standards", () => {
  it("imports every team's items with their prices in fen, per their unit, and whether they are priced on site", async () => {
    const { ctx, memory } = await createFixture();

    const result = await importPrices(ctx, numbered(standard));

    expect(result).toEqual({ ok: true, created: 6, updated: 0 });
    const cleaning = await ctx.uow.transaction((store) => store.prices.listByTeam("cleaning"));
    expect(cleaning).toEqual([
      { code: "CL-HOURLY", team: "cleaning", nameZh: "钟点清洁", nameEn: "Hourly cleaning", pricingUnit: "hour", priceFen: 5_000, onsitePricing: false },
      { code: "CL-MONTHLY", team: "cleaning", nameZh: "包月清洁", nameEn: "Monthly cleaning package", pricingUnit: "month", priceFen: 88_000, onsitePricing: false },
      { code: "CL-WHOLE-FLAT", team: "cleaning", nameZh: "全屋清洁", nameEn: "Whole-flat cleaning", pricingUnit: "m2", priceFen: 850, onsitePricing: true },
    ]);
    expect((await ctx.uow.transaction((store) => store.prices.findByCode("MT-DRAIN")))?.priceFen).toBe(8_000);
    expect(memory!.snapshot().prices.map((item) => item.code)).toHaveLength(6);
  });

  it("reports every bad row with its line number and reason, and imports nothing", async () => {
    const { ctx, memory } = await createFixture();
    const commitsBefore = memory!.commits();

    const result = await importPrices(
      ctx,
      numbered([
        priceRow(),
        priceRow({ code: "MT-DRAIN", team: "kitchen" }),
        priceRow({ code: "MT-LOCK", pricing_unit: "piece" }),
        priceRow({ code: "MT-LIGHT", price: "40.005" }),
        priceRow({ code: "MT-SWITCH", price: "-20" }),
        priceRow({ code: "MT-SHOWER", onsite_pricing: "maybe" }),
        priceRow({ code: "mt-tap", price: "35.00" }),
        priceRow({ code: "MT TAP" }),
        priceRow({ code: "MT-HINGE", name_zh: " ", price: "" }),
        priceRow({ code: "MT-FREE", price: "0" }),
      ]),
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { line: 3, reason: "team: team must be one of maintenance, cleaning, greening" },
      { line: 4, reason: "pricing_unit: pricing_unit must be one of visit, hour, m2, month" },
      { line: 5, reason: 'price: price must be yuan with at most 2 decimals, such as 12.50 (got "40.005")' },
      { line: 6, reason: 'price: price must be yuan with at most 2 decimals, such as 12.50 (got "-20")' },
      { line: 7, reason: "onsite_pricing: onsite_pricing must be yes or no" },
      { line: 8, reason: "price item MT-TAP is listed again; it is already on line 2" },
      { line: 9, reason: "code: code must be capital letters and digits in hyphenated words, such as MT-TAP" },
      { line: 10, reason: 'name_zh: name_zh is empty; price: price must be yuan with at most 2 decimals, such as 12.50 (got "")' },
      { line: 11, reason: "price: price is 0 but onsite_pricing is no; only an item priced on site may have no price" },
    ]);
    expect(memory!.commits()).toBe(commitsBefore);
    expect(memory!.snapshot().prices).toEqual([]);
  });

  it("an item priced on site may leave its guide price at 0", async () => {
    const { ctx } = await createFixture();

    const result = await importPrices(ctx, numbered([priceRow({ code: "GR-PRUNE", team: "greening", price: "0", onsite_pricing: "yes" })]));

    expect(result).toEqual({ ok: true, created: 1, updated: 0 });
    expect(await ctx.uow.transaction((store) => store.prices.findByCode("GR-PRUNE"))).toMatchObject({ priceFen: 0, onsitePricing: true });
  });

  it("a re-import of a revised standard updates the prices in place instead of duplicating the items, and keeps items it no longer lists", async () => {
    const { ctx, memory } = await createFixture();
    await importPrices(ctx, numbered(standard));

    const result = await importPrices(ctx, numbered([priceRow({ price: "35.00", name_en: "Replace a kitchen or basin tap" }), priceRow({ code: "MT-LOCK-CYLINDER", name_zh: "更换门锁锁芯", name_en: "Replace a lock cylinder", price: "60" })]));

    expect(result).toEqual({ ok: true, created: 1, updated: 1 });
    expect(await ctx.uow.transaction((store) => store.prices.findByCode("MT-TAP"))).toMatchObject({ priceFen: 3_500, nameEn: "Replace a kitchen or basin tap", nameZh: "更换水龙头" });
    expect(memory!.snapshot().prices.map((item) => item.code)).toEqual(["CL-HOURLY", "CL-MONTHLY", "CL-WHOLE-FLAT", "GR-ONE-OFF", "MT-DRAIN", "MT-LOCK-CYLINDER", "MT-TAP"]);
  });

  it("a code in small letters is the same item as in capitals, on re-import too", async () => {
    const { ctx, memory } = await createFixture();
    await importPrices(ctx, numbered([priceRow({ code: "mt-tap" })]));

    const result = await importPrices(ctx, numbered([priceRow({ code: "MT-TAP", price: "32.00" })]));

    expect(result).toEqual({ ok: true, created: 0, updated: 1 });
    expect(memory!.snapshot().prices).toEqual([expect.objectContaining({ code: "MT-TAP", priceFen: 3_200 })]);
  });

  it("names a missing column instead of failing every row", async () => {
    const { ctx } = await createFixture();
    const { onsite_pricing: _onsite, ...withoutOnsite } = priceRow();

    expect(await importPrices(ctx, numbered([withoutOnsite]))).toEqual({ ok: false, problems: [{ line: 1, reason: "missing column(s): onsite_pricing" }] });
  });
});
