import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { csvText } from "../../../src/app/write-csv.js";
import { parseCsv } from "../../../src/app/read-csv.js";
import { openWorkflow } from "../../../src/app/open-workflow.js";
import { runCli } from "../../../src/cli.js";
import { loadBaseConfig } from "../../../src/config/config.js";
import { exportOrderColumns, type ExportOrderRow } from "../../../src/core/kinds/service/use-cases/export-orders.js";
import { acceptedPackage } from "./package-steps.js";

const row: ExportOrderRow = {
  customer_building: "3",
  customer_unit: "1202",
  customer_name: "王芳",
  order_number: "S-2026-000001",
  work_order_number: "",
  service: "cleaning_monthly",
  price_code: "CL-MONTHLY",
  scheduled_at: "",
  status: "receipted",
  receipt_number: "RC-2027-000001",
  amount: "600.00",
};

describe("export orders", () => {
  let dir: string;
  let env: Record<string, string>;
  let printed: string[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "frontdesk-export-"));
    env = { DATABASE_URL: `file:${dir}/frontdesk.db`, LOG_LEVEL: "silent" };
    printed = [];
    vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
  });

  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes UTF-8 with a byte order mark and the reconciliation header, so spreadsheets show the Chinese names", () => {
    const text = csvText(exportOrderColumns, [row, { ...row, customer_name: 'Wang "Fang", Jr.' }]);

    expect(text.startsWith("\uFEFFcustomer_building,customer_unit,customer_name,order_number,work_order_number,service,price_code,scheduled_at,status,receipt_number,amount\r\n")).toBe(true);
    expect(parseCsv(text).map((parsed) => parsed.values.customer_name)).toEqual(["王芳", 'Wang "Fang", Jr.']);
  });

  it("writes the month's orders from the database to the file, starting with the byte order mark and the header", async () => {
    const workflow = await openWorkflow(loadBaseConfig(env));
    try {
      await acceptedPackage("2026-12-01T10:00:00+08:00", { store: workflow.ctx.uow });
    } finally {
      await workflow.close();
    }
    const out = path.join(dir, "orders.csv");

    const code = await runCli(["export", "orders", "--month", "2026-12", "--out", out], env);

    expect(code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).split("\r\n");
    expect(lines[0]).toBe(exportOrderColumns.join(","));
    expect(lines.slice(1, 3)).toEqual([
      "3,1202,王芳,S-2026-000001,S-2026-000001-01,cleaning_monthly,CL-MONTHLY-WEEKLY,2026-12-07T10:00:00+08:00,scheduled,,",
      "3,1202,王芳,S-2026-000001,S-2026-000001-02,cleaning_monthly,CL-MONTHLY-WEEKLY,2026-12-14T10:00:00+08:00,scheduled,,",
    ]);
    expect(lines).toHaveLength(1 + 4 + 1);
    expect(printed).toEqual([`exported 4 row(s) of 2026-12 to ${out}`]);
  });

  it("rejects a month that does not exist with a clear error and a non-zero exit, writing nothing", async () => {
    const out = path.join(dir, "orders.csv");

    const code = await runCli(["export", "orders", "--month", "2026-13", "--out", out], env);

    expect(code).not.toBe(0);
    expect(printed).toEqual(['export orders --month needs a month as YYYY-MM, such as 2026-12 (got "2026-13")']);
    expect(() => readFileSync(out)).toThrow();
  });

  it("asks for the month when it is missing", async () => {
    expect(await runCli(["export", "orders"], env)).toBe(2);
    expect(printed[0]).toMatch(/--month needs a month as YYYY-MM/);
  });
});
