import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openWorkflow } from "../../src/app/open-workflow.js";
import { parseCsv } from "../../src/app/read-csv.js";
import { runCli } from "../../src/cli.js";
import { loadBaseConfig } from "../../src/config/config.js";
import { ReportData, local } from "../adapters/persistence/report-data.js";

describe("report monthly", () => {
  let dir: string;
  let env: Record<string, string>;
  let printed: string[];

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "frontdesk-report-"));
    env = { DATABASE_URL: `file:${dir}/frontdesk.db`, LOG_LEVEL: "silent" };
    printed = [];
    vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void printed.push(parts.join(" ")));
    const workflow = await openWorkflow(loadBaseConfig(env));
    try {
      const data = new ReportData(workflow.ctx.uow);
      const repair = await data.repair("3-1201", local("2026-12-31T23:30"), { category: "plumbing", intakeChannel: "phone" });
      await data.callback(repair, local("2026-12-31T23:50"), "done");
      await data.charge("3-1201", "property", "2026-12", "2026-12-15", 12_050, 6_025);
    } finally {
      await workflow.close();
    }
  });

  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prints December's figures, the 23:30 repair of the 31st among them, and writes them as CSV with a byte order mark", async () => {
    const csv = path.join(dir, "2026-12.csv");
    expect(await runCli(["report", "monthly", "--month", "2026-12", "--csv", csv], env)).toBe(0);

    expect(printed).toContain("requests.per_kind  repair  1");
    expect(printed).toContain("requests.per_kind_channel  repair.phone  1");
    expect(printed).toContain("callbacks.coverage  repair.rate  100.0%");
    const text = readFileSync(csv, "utf8");
    expect(text.startsWith("\uFEFFsection,key,value\r\n")).toBe(true);
    const rows = parseCsv(text).map((row) => [row.values.section, row.values.key, row.values.value]);
    expect(rows).toContainEqual(["fees.collection", "property.charged_yuan", "120.50"]);
    expect(rows).toContainEqual(["fees.collection", "property.rate", "50.0%"]);
    expect(rows).toContainEqual(["callbacks.coverage", "complaint.rate", ""]);
  });

  it("January has none of December's cases", async () => {
    expect(await runCli(["report", "monthly", "--month", "2027-01"], env)).toBe(0);
    expect(printed).toContain("requests  total  0");
  });

  it("draws the chart as a PNG", async () => {
    const png = path.join(dir, "2026-12.png");
    expect(await runCli(["report", "monthly", "--month", "2026-12", "--png", png], env)).toBe(0);
    expect(readFileSync(png).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  it("refuses a month that is not YYYY-MM and a file option without a file", async () => {
    expect(await runCli(["report", "monthly", "--month", "2026-13"], env)).toBe(2);
    expect(printed.at(-1)).toContain("YYYY-MM");
    expect(await runCli(["report", "monthly", "--month", "2026-12", "--csv"], env)).toBe(2);
    expect(printed.at(-1)).toContain("--csv needs a file name");
  });
});
