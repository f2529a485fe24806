import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli.js";
import { loadBaseConfig } from "../../src/config/config.js";
import { openWorkflow } from "../../src/app/open-workflow.js";
import type { Charge } from "../../src/core/domain/fees.js";

const unitsFile = ["building,unit,area_m2,handover_date,warranty_months,owner_name,phone,language", "3,1202,89.5,2025-06-01,24,王芳,+8613800000001,zh-CN", "3,1203,120,2025-06-01,24,李伟,+8613800000002,zh-CN"];
const feesHeader = "building,unit,fee_type,period,amount,due_date";
const paymentsHeader = "building,unit,fee_type,period,amount,paid_at,receipt_number";

describe("import fees FILE.csv and import payments FILE.csv", () => {
  let dir: string;
  let env: Record<string, string>;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "frontdesk-fees-"));
    env = { DATABASE_URL: `file:${dir}/frontdesk.db`, LOG_LEVEL: "silent" };
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function runImport(what: string, lines: string[]): Promise<{ code: number; printed: string[] }> {
    const file = path.join(dir, `${what}.csv`);
    writeFileSync(file, `${lines.join("\n")}\n`);
    const printed: string[] = [];
    const log = vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    const error = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    try {
      return { code: await runCli(["import", what, file], env), printed };
    } finally {
      log.mockRestore();
      error.mockRestore();
    }
  }

  async function ledger(): Promise<{ charges: Charge[]; receipts: string[] }> {
    const workflow = await openWorkflow(loadBaseConfig(env));
    try {
      return await workflow.ctx.uow.transaction(async (store) => {
        const unit = await store.units.findByAddress("3", "1202");
        const charges = unit ? await store.charges.listByUnit(unit.id) : [];
        const payments = unit ? await store.payments.listByUnit(unit.id) : [];
        const receipts = await Promise.all(payments.map(async (payment) => (await store.receipts.findById(payment.receiptId))?.number ?? "?"));
        return { charges, receipts: receipts.sort() };
      });
    } finally {
      await workflow.close();
    }
  }

  it("imports the charges and then the payments into the database, each payment with its receipt", async () => {
    expect((await runImport("units", unitsFile)).code).toBe(0);

    expect(await runImport("fees", [feesHeader, "3,1202,property,2026-11,358.00,2026-11-30", "3,1202,elevator,2026-11,40,2026-11-30", "3,1203,property,2026-11,480.5,2026-11-30"])).toEqual({
      code: 0,
      printed: ["imported fees: 3 created, 0 updated"],
    });
    expect(await runImport("payments", [paymentsHeader, "3,1202,property,2026-11,358.00,2026-11-20,", "3,1202,elevator,2026-11,20,2026-11-21T09:30:00+08:00,NO.0815"])).toEqual({
      code: 0,
      printed: ["imported payments: 2 created, 0 updated"],
    });

    const { charges, receipts } = await ledger();
    expect(charges.map((c) => [c.feeType, c.amountFen, c.paidFen])).toEqual([
      ["elevator", 4_000, 2_000],
      ["property", 35_800, 35_800],
    ]);
    // The next number of the year the import ran in: the first of an empty database.
    expect(receipts).toEqual(["NO.0815", expect.stringMatching(/^RC-\d{4}-000001$/)]);
  });

  it("a payments file with bad lines exits 1 naming each, and records none of its payments", async () => {
    await runImport("units", unitsFile);
    await runImport("fees", [feesHeader, "3,1202,property,2026-11,358.00,2026-11-30"]);

    const result = await runImport("payments", [
      paymentsHeader,
      "3,1202,property,2026-11,200,2026-11-20,",
      "3,1202,property,2026-11,200,2026-11-21,",
      "3,1202,garbage,2026-11,10,2026-11-21,",
      "3,1202,property,2026-12,10,2099-01-01,",
    ]);

    expect(result).toEqual({
      code: 1,
      printed: [
        "nothing imported: 3 bad row(s)",
        "  line 3: amount ¥200.00 is more than the ¥158.00 outstanding of the property fee of 2026-11",
        "  line 4: unit 3-1202 has no charge for the garbage fee of 2026-11",
        "  line 5: paid_at 2099-01-01 is later than now",
      ],
    });
    const { charges, receipts } = await ledger();
    expect([charges[0]?.paidFen, receipts]).toEqual([0, []]);
  });

  it("a fees file with a bad line exits 1 naming it, and imports none of its charges", async () => {
    await runImport("units", unitsFile);

    const result = await runImport("fees", [feesHeader, "3,1202,property,2026-11,358.00,2026-11-30", "3,1299,property,2026-11,358.00,2026-11-30", "3,1202,water,2026-11,12.345,2026-11-31"]);

    expect(result.code).toBe(1);
    expect(result.printed).toEqual([
      "nothing imported: 2 bad row(s)",
      "  line 3: unit 3-1299 is not in the unit registry",
      '  line 4: fee_type: fee_type must be one of property, elevator, lighting, garbage, renovation_deposit, other; amount: amount must be yuan with at most 2 decimals, such as 12.50 (got "12.345"); due_date: due_date is not a real date',
    ]);
    expect((await ledger()).charges).toEqual([]);
  });
});
