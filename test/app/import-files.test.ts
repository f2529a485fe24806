import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli.js";

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
