import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { csvText } from "../../../src/app/write-csv.js";
import { parseCsv } from "../../../src/app/read-csv.js";
import { runCli } from "../../../src/cli.js";
import { exportOrderColumns, type ExportOrderRow } from "../../../src/core/kinds/service/use-cases/export-orders.js";

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
