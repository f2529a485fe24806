/**
 * How the scheduler's job claim scales with the jobs waiting for later: `npm run bench:job-claim`.
 *
 * Per database (a temp SQLite file; PostgreSQL in a fresh schema of TEST_DATABASE_URL, dropped
 * after), two databases migrated with the project's own migrations, holding N = 10,000 and
 * N = 1,000,000 pending jobs (all but a few hundred not due for months: callback clocks, ladder
 * rungs, next month's package visits), as many finished ones (done in the past, kept until the
 * housekeeping deletes them), and a few running under another instance's live lease. It times the
 * repository's real `claimDue` of one batch (50, as `runDueWork` claims) in a transaction of its
 * own, alternating between the two databases so noise on this shared machine hits both alike, and
 * hands every claimed job back (untimed) so each run sees the same due jobs. It also prints the
 * claim's query plan and fails if the jobs table is read without an index.
 *
 * Goal: claim(1M) / claim(10k) at most 1.5 on each database.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { openDatabase, type Database, type DatabaseKind } from "../src/adapters/persistence/database.js";
import { median } from "./support/stats.js";

const SMALL = 10_000;
const LARGE = 1_000_000;
/** Pending jobs whose time has come: the same few hundred at both sizes. */
const DUE = 300;
/** Running under another instance's lease that has not expired: never claimable. */
const RUNNING = 20;
const BATCH = 50; // runDueWork's batch size
const LEASE_MS = 60_000;
const RUNS = 15;
const WARMUP = 3;
const MAX_RATIO = 1.5;

interface Subject {
  database: Database;
  /** The claim's query plan, as the database would run it now. */
  plan(now: Date): Promise<string>;
  close(): Promise<void>;
}

/**
 * Row `i` (1-based) of the bulk load, as SQL over `i`: the first DUE pending jobs are due (one a
 * second up to an hour ago), the rest of the first `pending` are due 1 to 180 days from now; the
 * next `pending` are done (1 to 90 days ago); the last RUNNING are running under a live lease.
 */
function jobRows(pending: number, at: (offsetSecondsSql: string) => string, concat: (...parts: string[]) => string) {
  const i = "i";
  const due = `${i} <= ${DUE}`;
  const isPending = `${i} <= ${pending}`;
  const isDone = `${i} <= ${pending * 2}`;
  return {
    count: pending * 2 + RUNNING,
    columns: `"id", "payload", "run_at", "status", "lease_until", "attempts"`,
    select: `${concat("'job-'", `CAST(${i} AS TEXT)`)},
      ${concat(`'{"type":"clock.due","clockId":"k'`, `CAST(${i} AS TEXT)`, `'"}'`)},
      CASE WHEN ${due} THEN ${at(`-(${i} * 12)`)}
           WHEN ${isPending} THEN ${at(`86400 + (${i} * 7919) % (180 * 86400)`)}
           WHEN ${isDone} THEN ${at(`-(86400 + (${i} * 7919) % (90 * 86400))`)}
           ELSE ${at("-30")} END,
      CASE WHEN ${isPending} THEN 'pending' WHEN ${isDone} THEN 'done' ELSE 'running' END,
      CASE WHEN ${isPending} OR ${isDone} THEN NULL ELSE ${at("3600")} END,
      0`,
  };
}

/** The claim's SELECT as the repository sends it on SQLite (Prisma's findMany in prisma-job-repository.ts), for EXPLAIN. */
const sqliteClaimSelect = (now: string) => `
  SELECT "id" FROM "jobs"
  WHERE ("status" = 'pending' AND "run_at" <= ${now})
     OR ("status" = 'running' AND "lease_until" <= ${now})
  ORDER BY "run_at" ASC, "id" ASC
  LIMIT ${BATCH} OFFSET 0`;

/** The claim's statement as the repository sends it on PostgreSQL (prisma-job-repository.ts), for EXPLAIN. */
const postgresClaimStatement = (now: string, leaseUntil: string) => `
  UPDATE "jobs" SET "status" = 'running', "lease_until" = ${leaseUntil}
  WHERE "id" IN (
    SELECT "id" FROM "jobs"
    WHERE ("status" = 'pending' AND "run_at" <= ${now})
       OR ("status" = 'running' AND "lease_until" <= ${now})
    ORDER BY "run_at", "id"
    LIMIT ${BATCH}
    FOR UPDATE SKIP LOCKED)
  RETURNING "id"`;

async function sqliteSubject(pending: number): Promise<Subject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "frontdesk-bench-"));
  const file = path.join(dir, "bench.db");
  const database = await openDatabase(`file:${file}`);
  await database.migrate();
  const base = Date.now();
  // Instants as Prisma writes them on SQLite (ISO 8601, milliseconds, an offset).
  const at = (seconds: string) => `strftime('%Y-%m-%dT%H:%M:%f+00:00', ${base / 1000}, 'unixepoch', (${seconds}) || ' seconds')`;
  const rows = jobRows(pending, at, (...parts) => parts.join(" || "));
  const db = new BetterSqlite3(file);
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${rows.count})
    INSERT INTO "jobs" (${rows.columns}) SELECT ${rows.select} FROM n`);
  return {
    database,
    async plan(now) {
      const iso = `'${now.toISOString().replace("Z", "+00:00")}'`;
      const steps = db.prepare(`EXPLAIN QUERY PLAN ${sqliteClaimSelect(iso)}`).all() as Array<{ detail: string }>;
      return steps.map((step) => step.detail).join("\n");
    },
    async close() {
      db.close();
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresSubject(url: string, pending: number): Promise<Subject> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  const database = await openDatabase(url, { schema });
  const admin = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await admin.connect();
  const close = async () => {
    await database.close();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  };
  try {
    await database.migrate();
    const base = new Date().toISOString();
    const rows = jobRows(pending, (seconds) => `(TIMESTAMP '${base.slice(0, 23).replace("T", " ")}' + (${seconds}) * INTERVAL '1 second')`, (...parts) => `(${parts.join(" || ")})`);
    await admin.query(`INSERT INTO "jobs" (${rows.columns}) SELECT ${rows.select} FROM generate_series(CAST(1 AS bigint), ${rows.count}) AS i`);
    // What autovacuum does after a bulk load; without it the first plans would rest on guesses.
    await admin.query(`ANALYZE "jobs"`);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    database,
    async plan(now) {
      const literal = (at: Date) => `TIMESTAMP '${at.toISOString().slice(0, 23).replace("T", " ")}'`;
      // EXPLAIN without ANALYZE plans the UPDATE without running it.
      const result = await admin.query<{ "QUERY PLAN": string }>(`EXPLAIN ${postgresClaimStatement(literal(now), literal(new Date(now.getTime() + LEASE_MS)))}`);
      return result.rows.map((row) => row["QUERY PLAN"]).join("\n");
    },
    close,
  };
}

/** Whether a plan reads the jobs table without an index. */
function scansTable(kind: DatabaseKind, plan: string): boolean {
  return kind === "sqlite" ? /SCAN jobs(?! USING)/.test(plan) : /Seq Scan on jobs/.test(plan);
}

/** One timed claim (its own transaction, as runDueWork runs it), then every claimed job handed back. */
async function timeClaim(subject: Subject): Promise<number> {
  const now = new Date();
  const started = process.hrtime.bigint();
  const claimed = await subject.database.unitOfWork.transaction((store) => store.jobs.claimDue(now, BATCH, new Date(now.getTime() + LEASE_MS)));
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (claimed.length !== BATCH) throw new Error(`expected to claim ${BATCH} due jobs, got ${claimed.length}`);
  if (claimed.some((job) => job.runAt.getTime() > now.getTime())) throw new Error("claimed a job that is not due");
  await subject.database.unitOfWork.transaction(async (store) => {
    for (const job of claimed) await store.jobs.markFailed(job.id, "bench", job.runAt);
  });
  return elapsed;
}

async function bench(kind: DatabaseKind, open: (pending: number) => Promise<Subject>): Promise<boolean> {
  const loadStarted = Date.now();
  const small = await open(SMALL);
  let large: Subject | undefined;
  try {
    large = await open(LARGE);
    console.log(
      `${kind}: loaded ${SMALL.toLocaleString("en")} and ${LARGE.toLocaleString("en")} pending jobs (as many finished) in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`,
    );
    const plan = await large.plan(new Date());
    const indexed = !scansTable(kind, plan);
    console.log(`  plan at ${LARGE.toLocaleString("en")}:\n${plan.replace(/^/gm, "    ")}`);
    const times = { small: [] as number[], large: [] as number[] };
    for (let run = 0; run < WARMUP + RUNS; run++) {
      // Alternate which goes first, so neither always runs on a warmer machine.
      const order = run % 2 ? (["large", "small"] as const) : (["small", "large"] as const);
      for (const which of order) {
        const ms = await timeClaim(which === "small" ? small : large);
        if (run >= WARMUP) times[which].push(ms);
      }
    }
    const a = median(times.small);
    const b = median(times.large);
    const ratio = b / a;
    const withinRatio = ratio <= MAX_RATIO;
    console.log(
      `  claim(10k) ${a.toFixed(2).padStart(8)} ms   claim(1M) ${b.toFixed(2).padStart(8)} ms   ` +
        `ratio ${ratio.toFixed(2)} (goal <= ${MAX_RATIO}) ${withinRatio ? "PASS" : "FAIL"}   jobs read through an index ${indexed ? "PASS" : "FAIL"}`,
    );
    return withinRatio && indexed;
  } finally {
    await large?.close();
    await small.close();
  }
}

console.log(`job claim of ${BATCH} due jobs (of ${DUE} due), median of ${RUNS} runs after ${WARMUP} warm-up runs, same due jobs at both sizes`);
console.log(`goal: claim(1M pending) / claim(10k pending) <= ${MAX_RATIO} on each database, the jobs read through an index`);
// BENCH_DATABASES=postgresql runs one of the two (both by default).
const only = process.env.BENCH_DATABASES?.split(",");
let ok = only && !only.includes("sqlite") ? true : await bench("sqlite", sqliteSubject);
const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
if (only && !only.includes("postgresql")) {
  // left out on purpose
} else if (postgresUrl) {
  ok = (await bench("postgresql", (pending) => postgresSubject(postgresUrl, pending))) && ok;
} else {
  console.log("postgresql: SKIPPED, set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run");
}
console.log(ok ? "overall PASS" : "overall FAIL");
process.exitCode = ok ? 0 : 1;
