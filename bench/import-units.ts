/**
 * How fast the unit registry imports: `npm run bench:import-units`.
 *
 * Per database (a temp SQLite file; PostgreSQL in a fresh schema of TEST_DATABASE_URL, dropped
 * after), 50,000 rows of `building,unit,...,phone,language` (one owner per unit) go through the
 * product's own `importUnits` (validation, repeated-key check, batched upserts and the removal of
 * departed owners, in one transaction) into an empty database, then again unchanged (a
 * re-import). The baseline, timed in the same run on a second empty database, is a plain batched
 * INSERT of the same units and residents through the driver in one transaction: what writing the
 * rows costs with no checks and no upserts.
 *
 * Goals: the import at least 1/3 of the baseline's rows per second, and 50,000 rows in under 20 s.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { openDatabase, type Database, type DatabaseKind } from "../src/adapters/persistence/database.js";
import { rowsPerStatement } from "../src/adapters/persistence/prisma-registry-batches.js";
import { productRegistry } from "../src/core/kinds/index.js";
import { systemTime } from "../src/core/ports/time-source.js";
import type { WorkflowContext } from "../src/core/ports/workflow-context.js";
import { importUnits } from "../src/core/use-cases/import-units.js";
import type { NumberedRow } from "../src/core/use-cases/shared/import-rows.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const MIN_SHARE = 1 / 3;
const BUDGET_S = 20;

function registryRows(count: number): NumberedRow[] {
  return Array.from({ length: count }, (_, n) => ({
    line: n + 2,
    values: {
      building: String(1 + Math.floor(n / 1000)),
      unit: String(n % 1000).padStart(4, "0"),
      area_m2: String(60 + (n % 90)),
      handover_date: "2025-06-01",
      warranty_months: String(12 + (n % 3) * 12),
      owner_name: `业主${n}`,
      phone: `+86139${String(n).padStart(8, "0")}`,
      language: n % 5 === 0 ? "en" : "zh-CN",
    },
  }));
}

/** Units and residents as plain tuples, for the baseline's INSERTs. */
function tuples(rows: NumberedRow[]) {
  return rows.map(({ values: v }) => {
    const unitId = randomUUID();
    return {
      unit: [unitId, v.building, v.unit, Number(v.area_m2), v.handover_date, Number(v.warranty_months)],
      resident: [randomUUID(), unitId, v.owner_name, v.phone, v.language, "owner", "registry"],
    };
  });
}

const placeholders = (rows: number, columns: number, numbered: boolean) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: columns }, (_, c) => (numbered ? `$${r * columns + c + 1}` : "?")).join(", ")})`).join(", ");
const unitInsert = `INSERT INTO "units" ("id", "building", "unit", "area_m2", "handover_date", "warranty_months") VALUES `;
const residentInsert = `INSERT INTO "residents" ("id", "unit_id", "name", "phone", "locale", "role", "source") VALUES `;

/** The baseline's INSERTs carry as many rows as the import's own (its database's limit). */
function batches<T>(items: T[], kind: DatabaseKind): T[][] {
  const size = rowsPerStatement[kind];
  const out: T[][] = [];
  for (let start = 0; start < items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

interface Subject {
  database: Database;
  /** The baseline: the rows written with plain batched INSERTs in one transaction. */
  plainInsert(rows: NumberedRow[]): Promise<void>;
  close(): Promise<void>;
}

async function sqliteSubject(): Promise<Subject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "frontdesk-bench-"));
  const file = path.join(dir, "bench.db");
  const database = await openDatabase(`file:${file}`);
  await database.migrate();
  return {
    database,
    async plainInsert(rows) {
      await database.close();
      const db = new BetterSqlite3(file);
      try {
        const data = tuples(rows);
        db.transaction(() => {
          for (const batch of batches(data, "sqlite")) {
            db.prepare(unitInsert + placeholders(batch.length, 6, false)).run(batch.flatMap((row) => row.unit));
            db.prepare(residentInsert + placeholders(batch.length, 7, false)).run(batch.flatMap((row) => row.resident));
          }
        })();
      } finally {
        db.close();
      }
    },
    async close() {
      await database.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function postgresSubject(url: string): Promise<Subject> {
  const schema = `bench_${randomBytes(6).toString("hex")}`;
  const database = await openDatabase(url, { schema });
  await database.migrate();
  const admin = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` });
  await admin.connect();
  return {
    database,
    async plainInsert(rows) {
      const data = tuples(rows);
      await admin.query("BEGIN");
      for (const batch of batches(data, "postgresql")) {
        await admin.query(unitInsert + placeholders(batch.length, 6, true), batch.flatMap((row) => row.unit));
        await admin.query(residentInsert + placeholders(batch.length, 7, true), batch.flatMap((row) => row.resident));
      }
      await admin.query("COMMIT");
    },
    async close() {
      await database.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

async function seconds(work: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function bench(kind: DatabaseKind, open: () => Promise<Subject>): Promise<boolean> {
  const rows = registryRows(ROWS);
  const product = await open();
  const baseline = await open();
  try {
    const ctx: WorkflowContext = { uow: product.database.unitOfWork, time: systemTime, timeZone: "Asia/Shanghai", kinds: productRegistry() };
    let first: Awaited<ReturnType<typeof importUnits>> | undefined;
    const importS = await seconds(async () => (first = await importUnits(ctx, rows)));
    if (!first?.ok || first.created !== ROWS) throw new Error(`the import did not create ${ROWS} units: ${JSON.stringify(first).slice(0, 300)}`);
    const againS = await seconds(() => importUnits(ctx, rows));
    const plainS = await seconds(() => baseline.plainInsert(rows));
    const rate = (s: number) => Math.round(ROWS / s);
    const share = rate(importS) / rate(plainS);
    const pass = share >= MIN_SHARE && importS < BUDGET_S && againS < BUDGET_S;
    console.log(`${kind}:`);
    console.log(`  import      ${importS.toFixed(2).padStart(7)} s  ${rate(importS).toLocaleString("en").padStart(9)} rows/s`);
    console.log(`  re-import   ${againS.toFixed(2).padStart(7)} s  ${rate(againS).toLocaleString("en").padStart(9)} rows/s`);
    console.log(`  plain insert${plainS.toFixed(2).padStart(7)} s  ${rate(plainS).toLocaleString("en").padStart(9)} rows/s (baseline)`);
    console.log(`  import / baseline ${share.toFixed(2)} (goal >= ${MIN_SHARE.toFixed(2)}), under ${BUDGET_S} s ${importS < BUDGET_S && againS < BUDGET_S ? "yes" : "no"}: ${pass ? "PASS" : "FAIL"}`);
    return pass;
  } finally {
    await baseline.close();
    await product.close();
  }
}

console.log(`unit registry import of ${ROWS.toLocaleString("en")} rows, one transaction, against a plain batched insert of the same rows in the same run`);
let ok = await bench("sqlite", sqliteSubject);
const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
if (postgresUrl) ok = (await bench("postgresql", () => postgresSubject(postgresUrl))) && ok;
else console.log("postgresql: skipped (set TEST_DATABASE_URL)");
process.exitCode = ok ? 0 : 1;
