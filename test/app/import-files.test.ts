import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli.js";
import { loadBaseConfig } from "../../src/config/config.js";
import { openWorkflow } from "../../src/app/open-workflow.js";
import type { PriceItem } from "../../src/core/domain/prices.js";

const header = "building,unit,area_m2,handover_date,warranty_months,owner_name,phone,language";
const row = (unit: string, phone = "+8613800000001") => `3,${unit},89.5,2025-06-01,24,王芳,${phone},zh-CN`;

describe("import files that are broken as CSV", () => {
  let dir: string;
  let env: Record<string, string>;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "frontdesk-import-"));
    env = { DATABASE_URL: `file:${dir}/frontdesk.db`, LOG_LEVEL: "silent" };
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function importUnits(lines: string[]): Promise<{ code: number; printed: string[] }> {
    const file = path.join(dir, "units.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    try {
      return { code: await runCli(["import", "units", file], env), printed };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  it("names every row with the wrong number of columns, not only the first, and imports nothing", async () => {
    const result = await importUnits([header, row("0101"), "3,0102,89.5,2025-06-01,24,王芳,+8613800000002", row("0103", "+8613800000003"), `${row("0104", "+8613800000004")},extra`, row("0105", "+8613800000005")]);

    expect(result.code).toBe(1);
    expect(result.printed).toEqual([
      "nothing imported: 2 bad row(s)",
      "  line 3: 7 columns instead of 8",
      "  line 5: 9 columns instead of 8",
    ]);
  });

  it("reports an unclosed quote at the line where it opens, with the other bad rows", async () => {
    const result = await importUnits([header, row("0101"), "3,0102,89.5,2025-06-01,24", row("0103", "+8613800000003"), '3,0104,89.5,2025-06-01,24,"王芳,+8613800000004,zh-CN', row("0105", "+8613800000005"), row("0106", "+8613800000006")]);

    expect(result.code).toBe(1);
    expect(result.printed[0]).toBe("nothing imported: 2 bad row(s)");
    expect(result.printed[1]).toBe("  line 3: 5 columns instead of 8");
    expect(result.printed[2]).toMatch(/^ {2}line 5: a quote opens here and is never closed/);
  });

  it("a file listing one unit twice is refused with exit 1, naming both lines", async () => {
    const result = await importUnits([header, "A,101,89.5,2025-06-01,24,王芳,+8613800000001,zh-CN", "A,101,120,2019-01-01,12,李伟,+8613800000002,zh-CN"]);

    expect(result.code).toBe(1);
    expect(result.printed.join("\n")).toMatch(/line 3: unit A-101 .*line 2/);
  });
});

describe("import prices FILE.csv", () => {
  const priceHeader = "code,team,name_zh,name_en,pricing_unit,price,onsite_pricing";
  let dir: string;
  let env: Record<string, string>;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "frontdesk-prices-"));
    env = { DATABASE_URL: `file:${dir}/frontdesk.db`, LOG_LEVEL: "silent" };
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function importPrices(lines: string[]): Promise<{ code: number; printed: string[] }> {
    const file = path.join(dir, "prices.csv");
    writeFileSync(file, `${lines.join("\n")}\n`);
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    try {
      return { code: await runCli(["import", "prices", file], env), printed };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  async function storedPrice(code: string): Promise<PriceItem | null> {
    const workflow = await openWorkflow(loadBaseConfig(env));
    try {
      return await workflow.ctx.uow.transaction((store) => store.prices.findByCode(code));
    } finally {
      await workflow.close();
    }
  }

  it("imports a standard into the database and, run again with a revised price, updates it", async () => {
    const first = await importPrices([priceHeader, "MT-TAP,maintenance,更换水龙头,Replace a tap,visit,30.00,no", "CL-WHOLE-FLAT,cleaning,全屋清洁,Whole-flat cleaning,m2,8,yes", "GR-MONTHLY,greening,包月绿化养护,Monthly garden care,month,380.5,no"]);

    expect(first).toEqual({ code: 0, printed: ["imported prices: 3 created, 0 updated"] });
    expect(await storedPrice("CL-WHOLE-FLAT")).toEqual({ code: "CL-WHOLE-FLAT", team: "cleaning", nameZh: "全屋清洁", nameEn: "Whole-flat cleaning", pricingUnit: "m2", priceFen: 800, onsitePricing: true });

    const again = await importPrices([priceHeader, "MT-TAP,maintenance,更换水龙头,Replace a tap,visit,35.00,no"]);

    expect(again).toEqual({ code: 0, printed: ["imported prices: 0 created, 1 updated"] });
    expect((await storedPrice("MT-TAP"))?.priceFen).toBe(3_500);
    expect((await storedPrice("GR-MONTHLY"))?.priceFen).toBe(38_050);
  });

  it("a file with bad rows exits 1 naming each line and why, and leaves the stored standard as it was", async () => {
    await importPrices([priceHeader, "MT-TAP,maintenance,更换水龙头,Replace a tap,visit,30.00,no"]);

    const result = await importPrices([
      priceHeader,
      "MT-TAP,maintenance,更换水龙头,Replace a tap,visit,99.00,no",
      "MT-DRAIN,plumbing,疏通地漏,Unclog a drain,visit,80.00,no",
      "MT-LOCK,maintenance,更换锁芯,Replace a lock cylinder,visit,1.234,no",
      "MT-TAP,maintenance,更换水龙头,Replace a tap,visit,31.00,no",
      "MT-LIGHT,maintenance,更换灯具,Replace a light fitting,visit,40.00",
    ]);

    expect(result.code).toBe(1);
    expect(result.printed).toEqual([
      "nothing imported: 4 bad row(s)",
      "  line 3: team: team must be one of maintenance, cleaning, greening",
      '  line 4: price: price must be yuan with at most 2 decimals, such as 12.50 (got "1.234")',
      "  line 5: price item MT-TAP is listed again; it is already on line 2",
      "  line 6: 6 columns instead of 7",
    ]);
    expect((await storedPrice("MT-TAP"))?.priceFen).toBe(3_000);
    expect(await storedPrice("MT-DRAIN")).toBeNull();
  });

  it("the sample standard shipped in the repository imports as it is", async () => {
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    try {
      expect(await runCli(["import", "prices", path.join(import.meta.dirname, "../../samples/prices.csv")], env)).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(printed[0]).toMatch(/^imported prices: \d+ created, 0 updated$/);
    expect(await storedPrice("MT-LOCK-CYLINDER")).toMatchObject({ team: "maintenance", pricingUnit: "visit", onsitePricing: false });
  });
});
