import { writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createI18nextTranslator } from "../adapters/i18n/i18next-translator.js";
import { renderReportPng } from "../adapters/reports/report-chart.js";
import type { BaseConfig } from "../config/config.js";
import { monthlyReportRows, reportRowColumns } from "../core/reports/report-rows.js";
import { buildMonthlyReport } from "../core/use-cases/build-monthly-report.js";
import { openWorkflow } from "./open-workflow.js";
import { writeCsv } from "./write-csv.js";

const localesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../locales");

const monthPattern = /^\d{4}-(0[1-9]|1[0-2])$/;

function option(args: readonly string[], name: string): { given: boolean; value: string | undefined } {
  const index = args.indexOf(name);
  return { given: index >= 0, value: index >= 0 ? args[index + 1] : undefined };
}

/**
 * `report monthly --month YYYY-MM [--csv FILE] [--png FILE]`: prints every figure of the month
 * as `section  key  value` lines, writes them as CSV (UTF-8 with BOM) and the chart as a PNG
 * labelled in the staff language.
 */
export async function reportMonthlyCommand(args: readonly string[], config: BaseConfig): Promise<number> {
  const month = option(args, "--month").value;
  const csv = option(args, "--csv");
  const png = option(args, "--png");
  if (!month || !monthPattern.test(month)) {
    console.error(`report monthly --month needs a month as YYYY-MM, such as 2026-12${month ? ` (got "${month}")` : ""}`);
    return 2;
  }
  for (const [name, file] of [["--csv", csv], ["--png", png]] as const) {
    if (file.given && (!file.value || file.value.startsWith("--"))) {
      console.error(`report monthly ${name} needs a file name`);
      return 2;
    }
  }
  const workflow = await openWorkflow(config);
  try {
    const report = await buildMonthlyReport({ reports: workflow.database.reports, timeZone: config.timeZone, kinds: workflow.ctx.kinds }, month);
    const rows = monthlyReportRows(report);
    for (const row of rows) console.log(`${row.section}  ${row.key}  ${row.value}`);
    if (csv.value) {
      await writeCsv(csv.value, reportRowColumns, rows);
      console.log(`wrote ${rows.length} figure(s) of ${month} to ${csv.value}`);
    }
    if (png.value) {
      const translator = createI18nextTranslator({ localesDir, timeZone: config.timeZone, fallbackLocale: config.defaultLocale });
      await writeFile(png.value, renderReportPng(report, (key, params) => translator.t(config.staffLocale, key, params)));
      console.log(`wrote the chart of ${month} to ${png.value}`);
    }
    return 0;
  } finally {
    await workflow.close();
  }
}
