import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, loadBaseConfig, loadPlaygroundConfig } from "./config/config.js";
import type { ImportResult, NumberedRow } from "./core/use-cases/shared/import-rows.js";
import { importFees } from "./core/use-cases/fees/import-fees.js";
import { importPayments } from "./core/use-cases/fees/import-payments.js";
import { importPrices } from "./core/use-cases/import-prices.js";
import { importStaff } from "./core/use-cases/import-staff.js";
import { importUnits, type UnitImportResult } from "./core/use-cases/import-units.js";
import { runDueWork } from "./core/use-cases/run-due-work.js";
import type { WorkflowContext } from "./core/ports/workflow-context.js";
import { openWorkflow } from "./app/open-workflow.js";
import { systemTime } from "./core/ports/time-source.js";
import { reportMonthlyCommand } from "./app/report-command.js";
import { formatDoctorLine, runDoctor } from "./app/doctor.js";
import { loadDotEnv } from "./app/dot-env.js";
import { readCsv } from "./app/read-csv.js";
import { csvText, writeCsv } from "./app/write-csv.js";
import { exportOrderColumns, exportOrders } from "./core/kinds/service/use-cases/export-orders.js";
import { monthPattern } from "./core/kinds/service/package/schedule.js";
import { NotADemoDatabaseError, readDemoMarker, resetDemoData } from "./playground/demo-data.js";
import { VirtualClock } from "./playground/virtual-clock.js";

const usage = `usage: npm run frontdesk -- <command>
  import units FILE.csv      building,unit,area_m2,handover_date,warranty_months,owner_name,phone,language
  import staff FILE.csv      slack_user_id,name,team,role
  import prices FILE.csv     code,team,name_zh,name_en,pricing_unit,price,onsite_pricing (price in yuan)
  import fees FILE.csv       building,unit,fee_type,period,amount,due_date (amount in yuan, period YYYY-MM)
  import payments FILE.csv   building,unit,fee_type,period,amount,paid_at,receipt_number (empty: the next RC- number)
  export orders --month YYYY-MM [--out FILE]
                             the month's service orders and fees per customer as CSV (stdout without --out)
  report monthly --month YYYY-MM [--csv FILE] [--png FILE]
                             the month's figures; the CSV (UTF-8 with BOM) has section,key,value rows; the PNG is the chart
  tick --at ISO-INSTANT      run all work due as of that instant (e.g. 2026-12-02T10:00:00+08:00)
  tick                       run all work due now
  migrate                    apply pending database migrations (start-up does this too)
  doctor                     check the configuration against the database, Telegram and Slack (changes nothing)
  outbox retry-dead          queue again the messages that could not be delivered
  demo reset                 wipe the playground's database and load the demo data again`;

function printImport(what: string, result: ImportResult | UnitImportResult): number {
  if (result.ok) {
    const removed = "removedOwners" in result ? `, ${result.removedOwners} departed owner(s) removed` : "";
    console.log(`imported ${what}: ${result.created} created, ${result.updated} updated${removed}`);
    return 0;
  }
  console.error(`nothing imported: ${result.problems.length} bad row(s)`);
  for (const problem of result.problems) console.error(`  line ${problem.line}: ${problem.reason}`);
  return 1;
}

export async function runCli(args: string[], env: Record<string, string | undefined>): Promise<number> {
  const [command, sub, ...rest] = args;
  const config = loadBaseConfig(env);
  const importer = sub !== undefined && Object.hasOwn(importers, sub) ? importers[sub as keyof typeof importers] : undefined;
  if (command === "import" && importer && rest[0]) {
    const rows = await readCsv(rest[0]);
    const workflow = await openWorkflow(config, systemTime, { transactionLimits: importTransactionLimits });
    try {
      return printImport(sub as string, await importer(workflow.ctx, rows));
    } finally {
      await workflow.close();
    }
  }
  if (command === "export" && sub === "orders") return exportOrdersCommand(args, config);
  if (command === "report" && sub === "monthly") return reportMonthlyCommand(args, config);
  if (command === "doctor") {
    const lines = await runDoctor(env);
    for (const line of lines) console.log(formatDoctorLine(line));
    const failed = lines.filter((line) => !line.ok).length;
    console.log(failed === 0 ? "all checks passed" : `${failed} check(s) failed`);
    return failed === 0 ? 0 : 1;
  }
  if (command === "migrate") {
    const workflow = await openWorkflow(config);
    await workflow.close();
    console.log(workflow.migrated.length > 0 ? `applied ${workflow.migrated.join(", ")}` : "database schema is up to date");
    return 0;
  }
  if (command === "demo" && sub === "reset") {
    // The playground's database (data/playground.db unless DATABASE_URL says otherwise), never the live default.
    const playground = loadPlaygroundConfig(env);
    const workflow = await openWorkflow(playground);
    try {
      await resetDemoData(workflow.ctx, () => workflow.database.wipe());
      console.log(`demo data reset in ${playground.databaseUrl}; a running playground clears its screens within seconds`);
      return 0;
    } catch (error) {
      if (!(error instanceof NotADemoDatabaseError)) throw error;
      console.error(error.message);
      return 1;
    } finally {
      await workflow.close();
    }
  }
  if (command === "tick") {
    const atIndex = args.indexOf("--at");
    const at = atIndex >= 0 ? parseInstant(args[atIndex + 1]) : new Date();
    if (!at) {
      console.error("tick --at needs an ISO instant with its offset, such as 2026-12-02T10:00:00+08:00 or 2026-12-02T02:00:00Z");
      return 2;
    }
    let now = at;
    const workflow = await openWorkflow(config, { now: () => now });
    try {
      // A playground database runs on the playground's product time (the wall clock plus the
      // offset its +1 day buttons added); without saying so, a tick would seem to do nothing.
      const playground = atIndex < 0 && (await readDemoMarker(workflow.ctx)) !== null;
      if (playground) {
        const clock = new VirtualClock();
        await clock.load(workflow.ctx.uow);
        now = clock.now();
        console.log(`database ${config.databaseUrl} (a playground's); clock: the playground's product time, ${now.toISOString()} (${aheadOfWallClock(clock.offsetMs)})`);
      } else {
        console.log(`database ${config.databaseUrl}; clock: ${atIndex >= 0 ? "--at" : "the wall clock"}, ${now.toISOString()}`);
      }
      const reports = await runDueWork(workflow.ctx);
      console.log(`ran due work as of ${now.toISOString()}: ${reports.length} job(s)`);
      for (const report of reports) console.log(`  ${report.caseNumber ?? "-"}  ${report.outcome}  ${report.detail}`);
      const pending = await workflow.ctx.uow.transaction((store) => store.outbox.countByStatus());
      if (pending.pending > 0) console.log(`${pending.pending} message(s) queued; the running service delivers them`);
      return reports.some((report) => report.outcome === "failed") ? 1 : 0;
    } finally {
      await workflow.close();
    }
  }
  if (command === "outbox" && sub === "retry-dead") {
    const workflow = await openWorkflow(config);
    try {
      const count = await workflow.ctx.uow.transaction((store) => store.outbox.requeueDead());
      console.log(`${count} undelivered message(s) queued again; the running service delivers them`);
      return 0;
    } finally {
      await workflow.close();
    }
  }
  if (command !== undefined && !knownCommands.has(command)) console.error(`unknown command "${command}"`);
  console.error(usage);
  return 2;
}

/**
 * An import is one transaction, all or nothing: a month's payments file of a large property
 * (thousands of receipts, each numbered, sent and settled in turn) takes longer than the
 * service's transactions may, so the command line gives it minutes.
 */
const importTransactionLimits = { timeout: 10 * 60_000 };

const importers = {
  units: importUnits,
  staff: importStaff,
  prices: importPrices,
  fees: importFees,
  payments: importPayments,
} satisfies Record<string, (ctx: WorkflowContext, rows: NumberedRow[]) => Promise<ImportResult | UnitImportResult>>;

const knownCommands = new Set(["import", "export", "report", "tick", "migrate", "doctor", "outbox", "demo"]);

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function exportOrdersCommand(args: string[], config: ReturnType<typeof loadBaseConfig>): Promise<number> {
  const month = option(args, "--month");
  const out = option(args, "--out");
  if (!month || !monthPattern.test(month)) {
    console.error(`export orders --month needs a month as YYYY-MM, such as 2026-12${month ? ` (got "${month}")` : ""}`);
    return 2;
  }
  if (args.includes("--out") && !out) {
    console.error("export orders --out needs a file name");
    return 2;
  }
  const workflow = await openWorkflow(config);
  try {
    const rows = await exportOrders(workflow.ctx, month);
    if (!out) {
      process.stdout.write(csvText(exportOrderColumns, rows));
      return 0;
    }
    await writeCsv(out, exportOrderColumns, rows);
    console.log(`exported ${rows.length} row(s) of ${month} to ${out}`);
    return 0;
  } finally {
    await workflow.close();
  }
}

function aheadOfWallClock(offsetMs: number): string {
  const days = Math.floor(offsetMs / 86_400_000);
  const hours = Math.floor((offsetMs % 86_400_000) / 3_600_000);
  if (days === 0 && hours === 0) return "the wall clock itself";
  return `${days > 0 ? `${days} day(s)` : ""}${days > 0 && hours > 0 ? " " : ""}${hours > 0 ? `${hours} hour(s)` : ""} ahead of the wall clock`;
}

/**
 * An instant must say its offset: without one, `new Date()` would read it in the server's zone,
 * which is rarely the property's (a UTC server would shift Shanghai times by eight hours).
 */
function parseInstant(raw: string | undefined): Date | null {
  if (!raw || !/(Z|[+-]\d{2}:?\d{2})$/i.test(raw)) return null;
  const at = new Date(raw);
  return Number.isNaN(at.getTime()) ? null : at;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  loadDotEnv();
  runCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof ConfigError ? `configuration error: ${error.message}` : error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
