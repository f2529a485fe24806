import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli.js";
import { loadBaseConfig } from "../../src/config/config.js";
import { openWorkflow } from "../../src/app/open-workflow.js";
import { readCsv } from "../../src/app/read-csv.js";
import { priceTeams } from "../../src/core/domain/prices.js";
import type { WorkflowContext } from "../../src/core/ports/workflow-context.js";
import { productRegistry } from "../../src/core/kinds/index.js";
import { importPrices } from "../../src/core/use-cases/import-prices.js";
import { demoPricesFile, loadDemoData } from "../../src/playground/demo-data.js";
import { createMemoryStore } from "../../src/testing/memory-store.js";
import { ManualTime } from "../support/workflow-fixture.js";

function emptyProduct(): WorkflowContext {
  return { uow: createMemoryStore(), time: new ManualTime(new Date("2026-11-30T02:00:00Z")), timeZone: "Asia/Shanghai", kinds: productRegistry() };
}

async function silently<T>(work: () => Promise<T>): Promise<T> {
  const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
  const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
  try {
    return await work();
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

describe("the demo's price standard", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it("the demo data loads the sample standard: every row of samples/prices.csv, for cleaning, greening and maintenance", async () => {
    const ctx = emptyProduct();

    await loadDemoData(ctx);

    const sampleRows = await readCsv(demoPricesFile);
    const stored = await ctx.uow.transaction(async (store) => ({
      maintenance: await store.prices.listByTeam("maintenance"),
      cleaning: await store.prices.listByTeam("cleaning"),
      greening: await store.prices.listByTeam("greening"),
    }));
    expect(priceTeams.flatMap((team) => stored[team])).toHaveLength(sampleRows.length);
    expect(stored.maintenance.length).toBeGreaterThanOrEqual(12);
    expect(stored.maintenance.every((item) => item.pricingUnit === "visit" && !item.onsitePricing)).toBe(true);
    expect(stored.cleaning.map((item) => [item.pricingUnit, item.onsitePricing])).toEqual(expect.arrayContaining([["month", false], ["m2", true], ["hour", false]]));
    expect(stored.greening.map((item) => [item.pricingUnit, item.onsitePricing])).toEqual(expect.arrayContaining([["visit", true], ["month", false]]));
    expect(await ctx.uow.transaction((store) => store.prices.findByCode("MT-TAP"))).toEqual({ code: "MT-TAP", team: "maintenance", nameZh: "更换水龙头", nameEn: "Replace a tap", pricingUnit: "visit", priceFen: 3_000, onsitePricing: false });
  });

  it("`demo reset` loads the sample standard again, undoing a price changed since", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "frontdesk-demo-prices-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = { DATABASE_URL: `file:${dir}/playground.db`, LOG_LEVEL: "silent" };
    const open = () => openWorkflow(loadBaseConfig(env));
    expect(await silently(() => runCli(["demo", "reset"], env))).toBe(0);
    const workflow = await open();
    try {
      const revised = await importPrices(workflow.ctx, [{ line: 2, values: { code: "MT-TAP", team: "maintenance", name_zh: "更换水龙头", name_en: "Replace a tap", pricing_unit: "visit", price: "45.00", onsite_pricing: "no" } }]);
      expect(revised).toEqual({ ok: true, created: 0, updated: 1 });
    } finally {
      await workflow.close();
    }

    expect(await silently(() => runCli(["demo", "reset"], env))).toBe(0);

    const after = await open();
    try {
      expect((await after.ctx.uow.transaction((store) => store.prices.findByCode("MT-TAP")))?.priceFen).toBe(3_000);
      expect(await after.ctx.uow.transaction((store) => store.prices.listByTeam("greening"))).not.toEqual([]);
    } finally {
      await after.close();
    }
  });
});
