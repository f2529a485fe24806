/**
 * The large property the benches run on, bulk-inserted by SQL: 100,000 households (units and
 * their owners) and 1,000,000 cases over 24 months from 2025-01-01 (70% repairs, 20% complaints,
 * 10% service orders) with their details, each case's first staff event, a complaint's escalation
 * every 50th, and for every closed case its callback and the callback's clock. The case header
 * and the callback hold what the case repository writes there (the details' category, channel and
 * tier, the unit's building, the first staff step and its minutes, the minutes to the close, the
 * case's kind). A month holds about 41,700 cases. After the load the database is analyzed
 * (PostgreSQL also vacuumed, as autovacuum would). Databases are migrated with the project's own migrations first: a temp SQLite
 * file, or a fresh schema of a PostgreSQL server, dropped by `drop`.
 *
 * Danger: the rows are shaped for the report's aggregates, not for every screen: the cases'
 * numbers are `B-<n>` and their statuses `open`/`closed` whatever the kind. A bench that shows
 * cases to a user inserts cases of its own (see bench/memory.ts).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { openDatabase } from "../../src/adapters/persistence/database.js";

export const HOUSEHOLDS = 100_000;
export const CASES = 1_000_000;
/** Seconds between one case and the next: 1,000,000 cases over 24 months from 2025-01-01. */
const SPACING_S = 63;

/** What differs between the two databases' SQL: text concatenation, instants, a series of n rows, false. */
export type Dialect = { concat: (...parts: string[]) => string; at: (seconds: string) => string; series: (n: number) => [string, string]; no: string };

export const sqlite: Dialect = {
  concat: (...parts) => parts.join(" || "),
  at: (seconds) => `strftime('%Y-%m-%dT%H:%M:%fZ', '2025-01-01T00:00:00', '+' || (${seconds}) || ' seconds')`,
  series: (n) => [`WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < ${n - 1})`, "s"],
  no: "0",
};
export const postgres: Dialect = {
  concat: (...parts) => `(${parts.join(" || ")})`,
  at: (seconds) => `(TIMESTAMP '2025-01-01 00:00:00' + (${seconds}) * INTERVAL '1 second')`,
  series: (n) => ["", `generate_series(CAST(0 AS bigint), ${n - 1}) AS s(n)`],
  no: "false",
};

const created = "(n * " + SPACING_S + ")";
/** Closed 30 minutes to 3 days after being reported; every fifth case is still open. */
const closed = `(${created} + 60 * (30 + (n * 7919) % 4320))`;
const pick = (values: string[]) => `(CASE n % ${values.length} ${values.map((v, i) => `WHEN ${i} THEN '${v}'`).join(" ")} END)`;
/** Each kind's category and channel, written to its details and copied to the header as the case repository does. */
const repairCategory = pick(["plumbing", "electrical", "water_leak", "doors_windows", "public_area", "other"]);
const repairChannel = pick(["telegram", "phone", "counter"]);
const complaintSubject = pick(["noise", "hygiene", "staff_attitude", "other"]);
const complaintChannel = pick(["telegram", "phone", "counter", "letter"]);
const complaintTier = pick(["minor", "service_error", "major"]);
/** The first staff step, 1 to 600 minutes after the report. */
const firstStepMinutes = "(1 + n % 600)";

/** The bulk load: one INSERT ... SELECT per table over a generated series. */
export function householdsAndCases(d: Dialect): string[] {
  const [withCases, fromCases] = d.series(CASES);
  const [withUnits, fromUnits] = d.series(HOUSEHOLDS);
  const kind = "(CASE WHEN n % 10 < 7 THEN 'repair' WHEN n % 10 < 9 THEN 'complaint' ELSE 'service' END)";
  const isClosed = "n % 5 <> 0";
  const byKind = (repair: string, complaint: string, service: string) => `(CASE WHEN n % 10 < 7 THEN ${repair} WHEN n % 10 < 9 THEN ${complaint} ELSE ${service} END)`;
  return [
    `${withUnits} INSERT INTO "units" ("id", "building", "unit", "area_m2", "handover_date", "warranty_months")
      SELECT ${d.concat("'u'", "CAST(n AS TEXT)")}, CAST(n / 1000 + 1 AS TEXT), CAST(n % 1000 + 101 AS TEXT), 89.5, '2020-01-01', 24 FROM ${fromUnits}`,
    `${withUnits} INSERT INTO "residents" ("id", "unit_id", "name", "phone", "locale", "role", "source")
      SELECT ${d.concat("'p'", "CAST(n AS TEXT)")}, ${d.concat("'u'", "CAST(n AS TEXT)")}, ${d.concat("'Owner '", "CAST(n AS TEXT)")}, ${d.concat("'+86139'", "CAST(10000000 + n AS TEXT)")}, 'zh-CN', 'owner', 'registry' FROM ${fromUnits}`,
    `${withCases} INSERT INTO "cases" ("id", "number", "kind", "status", "team", "unit_id", "reporter_id", "created_at", "updated_at", "closed_at", "version",
        "category", "channel", "tier", "building", "first_response_at", "first_response_minutes", "completion_minutes")
      SELECT ${d.concat("'c'", "CAST(n AS TEXT)")}, ${d.concat("'B-'", "CAST(n AS TEXT)")}, ${kind}, CASE WHEN ${isClosed} THEN 'closed' ELSE 'open' END, 'maintenance',
        ${d.concat("'u'", `CAST(n % ${HOUSEHOLDS} AS TEXT)`)}, ${d.concat("'p'", `CAST(n % ${HOUSEHOLDS} AS TEXT)`)}, ${d.at(created)}, ${d.at(created)},
        CASE WHEN ${isClosed} THEN ${d.at(closed)} END, 1,
        ${byKind(repairCategory, complaintSubject, "'cleaning_hourly'")}, ${byKind(repairChannel, complaintChannel, "'telegram'")}, ${byKind("NULL", complaintTier, "NULL")}, CAST((n % ${HOUSEHOLDS}) / 1000 + 1 AS TEXT),
        ${d.at(`${created} + 60 * ${firstStepMinutes}`)}, ${firstStepMinutes}, CASE WHEN ${isClosed} THEN (${closed} - ${created}) / 60.0 END FROM ${fromCases}`,
    `${withCases} INSERT INTO "repair_details" ("case_id", "category", "description", "photos", "preferred_time", "billing", "intake_channel")
      SELECT ${d.concat("'c'", "CAST(n AS TEXT)")}, ${repairCategory}, 'bench', '[]', 'anytime', 'warranty',
        ${repairChannel} FROM ${fromCases} WHERE n % 10 < 7`,
    `${withCases} INSERT INTO "complaint_details" ("case_id", "subject", "description", "when_where", "owner_request", "photos", "channel", "suggested_tier", "tier")
      SELECT ${d.concat("'c'", "CAST(n AS TEXT)")}, ${complaintSubject}, 'bench', '', '', '[]', ${complaintChannel}, 'minor',
        ${complaintTier} FROM ${fromCases} WHERE n % 10 IN (7, 8)`,
    `${withCases} INSERT INTO "service_details" ("case_id", "service_type", "price_code", "is_package", "onsite_pricing", "special_requests", "preferred_time", "intake_channel")
      SELECT ${d.concat("'c'", "CAST(n AS TEXT)")}, 'cleaning_hourly', 'CL-HOURLY', ${d.no}, ${d.no}, '', 'anytime', 'telegram' FROM ${fromCases} WHERE n % 10 = 9`,
    `${withCases} INSERT INTO "case_events" ("id", "case_id", "at", "actor_type", "actor_id", "type", "data")
      SELECT ${d.concat("'e'", "CAST(n AS TEXT)")}, ${d.concat("'c'", "CAST(n AS TEXT)")}, ${d.at(`${created} + 60 * ${firstStepMinutes}`)}, 'staff', 'UMAINT1', 'assigned', '{}' FROM ${fromCases}`,
    `${withCases} INSERT INTO "case_events" ("id", "case_id", "at", "actor_type", "type", "data")
      SELECT ${d.concat("'x'", "CAST(n AS TEXT)")}, ${d.concat("'c'", "CAST(n AS TEXT)")}, ${d.at(`${created} + 86400`)}, 'system', 'escalated', '{"rule":"complaint.minor.resolve","to":"manager/manager"}'
      FROM ${fromCases} WHERE n % 10 = 7 AND n % 50 = 7`,
    `${withCases} INSERT INTO "callbacks" ("id", "case_id", "due_at", "status", "attempts", "created_at", "case_kind")
      SELECT ${d.concat("'b'", "CAST(n AS TEXT)")}, ${d.concat("'c'", "CAST(n AS TEXT)")}, ${d.at(`${closed} + 172800`)}, CASE WHEN n % 20 = 1 THEN 'prompted' ELSE 'done' END, 1, ${d.at(closed)}, ${kind}
      FROM ${fromCases} WHERE ${isClosed}`,
    `${withCases} INSERT INTO "clocks" ("id", "case_id", "rule", "subject_type", "subject_id", "started_at", "due_at", "stopped_at", "data")
      SELECT ${d.concat("'k'", "CAST(n AS TEXT)")}, ${d.concat("'c'", "CAST(n AS TEXT)")}, 'repair.callback.ordinary', 'callback', ${d.concat("'b'", "CAST(n AS TEXT)")},
        ${d.at(closed)}, ${d.at(`${closed} + 172800`)}, ${d.at(`${closed} + 86400 * (n % 3) + 3600`)}, '{}'
      FROM ${fromCases} WHERE ${isClosed} AND n % 10 < 7`,
  ];
}

/** A database built for a bench: where it is, how long the load took, and how to remove it. */
export interface Built {
  url: string;
  schema: string | undefined;
  loadSeconds: number;
  drop(): Promise<void>;
}

/** A temp SQLite file, migrated, then loaded with `statements` in one transaction and analysed. */
export async function buildSqlite(statements: string[]): Promise<Built> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "frontdesk-bench-"));
  const file = path.join(dir, "bench.db");
  const database = await openDatabase(`file:${file}`);
  await database.migrate();
  await database.close();
  const started = Date.now();
  const db = new BetterSqlite3(file);
  try {
    db.pragma("journal_mode = WAL");
    db.transaction(() => {
      for (const statement of statements) db.exec(statement);
    })();
    db.exec("ANALYZE");
  } finally {
    db.close();
  }
  return { url: `file:${file}`, schema: undefined, loadSeconds: (Date.now() - started) / 1000, drop: () => rm(dir, { recursive: true, force: true }) };
}

/** A fresh schema of the server at `url`, migrated, then loaded with `statements` and analysed. */
export async function buildPostgres(url: string, statements: string[]): Promise<Built> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  const database = await openDatabase(url, { schema });
  const admin = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await admin.connect();
  const drop = async () => {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  };
  try {
    await database.migrate();
    await database.close();
    const started = Date.now();
    for (const statement of statements) await admin.query(statement);
    // What autovacuum leaves a running database with: statistics, and the visibility map without
    // which no index-only scan skips the table (this test server runs with autovacuum off).
    await admin.query("VACUUM (ANALYZE)");
    return { url, schema, loadSeconds: (Date.now() - started) / 1000, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}
