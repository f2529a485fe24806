/**
 * What the monthly report costs on a large property: `npm run bench:monthly-report`.
 *
 * Per database (a temp SQLite file; PostgreSQL in a fresh schema of TEST_DATABASE_URL, dropped
 * after), migrated with the project's own migrations, then bulk-inserted by SQL: 100,000
 * households (units and their owners) and 1,000,000 cases over 24 months (70% repairs, 20%
 * complaints, 10% service orders) with their details, each case's first staff event, a
 * complaint's escalation every 50th, and for every closed case its callback and the callback's
 * clock. A month then holds about 41,700 cases.
 *
 * A child process opens the database as the product does and times, for one month, the whole
 * report (`buildMonthlyReport`) against one indexed count over the same month (the cases created
 * in it, per kind: the report's cheapest aggregate), alternating, median of the runs after a
 * warm-up. The child measures nothing but the report, so its peak resident memory is the report's.
 *
 * Goals: report / count at most 20; the child's peak resident memory at most 300 MB.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { openDatabase, type DatabaseKind } from "../src/adapters/persistence/database.js";
import { productRegistry } from "../src/core/kinds/index.js";
import type { ReportQueries, ReportWindow } from "../src/core/ports/reports.js";
import { buildMonthlyReport, reportCategoryKeys, reportWindow } from "../src/core/use-cases/build-monthly-report.js";
import { buildPostgres, buildSqlite, CASES, HOUSEHOLDS, householdsAndCases, postgres, sqlite, type Built } from "./support/households.js";
import { median } from "./support/stats.js";

const MONTH = "2026-06";
const ZONE = "Asia/Shanghai";
const RUNS = 7;
const WARMUP = 2;
const MAX_RATIO = 20;
const MAX_RSS_MB = 300;

interface Measured {
  countMs: number;
  reportMs: number;
  peakRssMb: number;
  monthCases: number;
}

/** In the child: the database opened as the product opens it, the count and the report timed in turn. */
async function measure(url: string, schema: string | undefined): Promise<Measured> {
  const database = await openDatabase(url, schema === undefined ? {} : { schema });
  try {
    const ctx = { reports: database.reports, timeZone: ZONE, kinds: productRegistry() };
    const window = reportWindow(MONTH, ZONE);
    const counts: number[] = [];
    const reports: number[] = [];
    let monthCases = 0;
    for (let run = 0; run < WARMUP + RUNS; run++) {
      let started = process.hrtime.bigint();
      const perKind = await database.reports.requestsPerKind(window);
      const countMs = Number(process.hrtime.bigint() - started) / 1e6;
      started = process.hrtime.bigint();
      const report = await buildMonthlyReport(ctx, MONTH);
      const reportMs = Number(process.hrtime.bigint() - started) / 1e6;
      monthCases = perKind.reduce((sum, row) => sum + row.count, 0);
      if (report.requests.total !== monthCases) throw new Error(`the report counted ${report.requests.total} cases, the count ${monthCases}`);
      if (run >= WARMUP) {
        counts.push(countMs);
        reports.push(reportMs);
      }
    }
    if (process.env.BENCH_PROFILE) await profile(database.reports, window);
    return { countMs: median(counts), reportMs: median(reports), peakRssMb: process.resourceUsage().maxRSS / 1024, monthCases };
  } finally {
    await database.close();
  }
}

/** BENCH_PROFILE=1: each aggregate's time on stderr, to see where the report's time goes. */
async function profile(reports: ReportQueries, window: ReportWindow): Promise<void> {
  const calls: Record<string, () => Promise<unknown>> = {
    requestsPerKind: () => reports.requestsPerKind(window),
    requestsPerCategoryAndChannel: () => reports.requestsPerCategoryAndChannel(window, reportCategoryKeys),
    callbackCoverage: () => reports.callbackCoverage(window),
    clocksOnTime: () => reports.clocksOnTime(window, ["repair.callback.ordinary", "repair.callback.leak"]),
    firstResponse: () => reports.firstResponse(window),
    completion: () => reports.completion(window),
    complaintsPerTier: () => reports.complaintsPerTier(window),
    complaintBreaches: () => reports.complaintBreaches(window),
    recurringCategories: () => reports.recurringCategories(window, 3),
    reopenedUnits: () => reports.reopenedUnits(window, 2),
    serviceOrders: () => reports.serviceOrders(window),
    workOrders: () => reports.workOrders(window),
    serviceCollected: () => reports.serviceCollected(window),
    feeCollection: () => reports.feeCollection(window),
    householdsPerStage: () => reports.householdsPerStage(window),
  };
  for (const [name, call] of Object.entries(calls)) {
    const started = process.hrtime.bigint();
    await call();
    console.error(`    ${name.padEnd(20)} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms`);
  }
}

async function bench(kind: DatabaseKind, build: () => Promise<Built>): Promise<boolean> {
  const built = await build();
  try {
    console.log(`${kind}: loaded ${HOUSEHOLDS.toLocaleString("en")} households and ${CASES.toLocaleString("en")} cases in ${built.loadSeconds.toFixed(1)} s`);
    const self = fileURLToPath(import.meta.url);
    const out = execFileSync(process.execPath, [...process.execArgv, self, "--measure", built.url, built.schema ?? ""], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    const m = JSON.parse(out.trim().split("\n").at(-1) as string) as Measured;
    const ratio = m.reportMs / m.countMs;
    const ratioOk = ratio <= MAX_RATIO;
    const rssOk = m.peakRssMb <= MAX_RSS_MB;
    console.log(
      `  ${MONTH} (${m.monthCases.toLocaleString("en")} cases): count ${m.countMs.toFixed(1)} ms   report ${m.reportMs.toFixed(1)} ms   ` +
        `ratio ${ratio.toFixed(1)} (goal <= ${MAX_RATIO}) ${ratioOk ? "PASS" : "FAIL"}   peak RSS ${m.peakRssMb.toFixed(0)} MB (goal <= ${MAX_RSS_MB}) ${rssOk ? "PASS" : "FAIL"}`,
    );
    return ratioOk && rssOk;
  } finally {
    await built.drop();
  }
}

if (process.argv[2] === "--measure") {
  const result = await measure(process.argv[3] as string, process.argv[4] || undefined);
  console.log(JSON.stringify(result));
} else {
  console.log(`monthly report of ${MONTH} over ${CASES.toLocaleString("en")} cases, median of ${RUNS} runs after ${WARMUP} warm-up runs, in a process of its own`);
  console.log(`goals: report / one indexed count over the month <= ${MAX_RATIO}; peak resident memory <= ${MAX_RSS_MB} MB`);
  // BENCH_DATABASES=postgresql runs one of the two (both by default).
  const only = process.env.BENCH_DATABASES?.split(",");
  let ok = only && !only.includes("sqlite") ? true : await bench("sqlite", () => buildSqlite(householdsAndCases(sqlite)));
  const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
  if (only && !only.includes("postgresql")) {
    // left out on purpose
  } else if (postgresUrl) {
    ok = (await bench("postgresql", () => buildPostgres(postgresUrl, householdsAndCases(postgres)))) && ok;
  } else {
    console.log("postgresql: SKIPPED, set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run");
  }
  console.log(ok ? "overall PASS" : "overall FAIL");
  process.exitCode = ok ? 0 : 1;
}
