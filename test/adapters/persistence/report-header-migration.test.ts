import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseKind } from "../../../src/adapters/persistence/database.js";
import { defaultMigrationsDir } from "../../../src/adapters/persistence/migrate.js";
import { productRegistry } from "../../../src/core/kinds/index.js";
import { buildMonthlyReport } from "../../../src/core/use-cases/build-monthly-report.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { local, zone } from "./report-data.js";

/** The migration that put the report's keys on the case header; the database is made with everything before it. */
const headerMigration = "20261201180241_report_header";

async function previousMigrations(kind: DatabaseKind): Promise<string> {
  const from = defaultMigrationsDir[kind];
  const dir = await mkdtemp(path.join(os.tmpdir(), `frontdesk-before-header-${kind}-`));
  for (const entry of await readdir(from)) {
    if (entry === "migration_lock.toml" || entry < headerMigration) await cp(path.join(from, entry), path.join(dir, entry), { recursive: true });
  }
  return dir;
}

type Exec = (sql: string, params: unknown[]) => Promise<void>;

/** Raw statements in the previous schema, with instants as each database's adapter writes them. */
async function withRawConnection(test: TestDatabase, work: (exec: Exec) => Promise<void>): Promise<void> {
  if (test.kind === "sqlite") {
    const db = new BetterSqlite3(test.url.replace(/^file:/, ""));
    const value = (v: unknown) => (v instanceof Date ? v.toISOString().replace("Z", "+00:00") : v);
    try {
      await work(async (sql, params) => void db.prepare(sql).run(...params.map(value)));
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: postgresTestUrl, options: `-c search_path="${test.schema}"` });
  await client.connect();
  try {
    const value = (v: unknown) => (v instanceof Date ? v.toISOString().replace("Z", "") : v);
    await work(async (sql, params) => {
      let n = 0;
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        params.map(value),
      );
    });
  } finally {
    await client.end();
  }
}

const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);

/**
 * December 2026 as the released version stored it: three plumbing repairs in building 3 (one by
 * phone, whose own "reported" event is staff's), a noise complaint by letter, a cancelled repair;
 * staff steps, owner events and callbacks in the history and callbacks tables only.
 */
async function fillPreviousSchema(exec: Exec): Promise<void> {
  for (const [id, building, unit] of [["u1", "3", "1201"], ["u2", "3", "1202"], ["u3", "5", "0101"]]) {
    await exec(`INSERT INTO "units" ("id", "building", "unit", "area_m2", "handover_date", "warranty_months") VALUES (?, ?, ?, 90, '2024-06-30', 24)`, [id, building, unit]);
  }
  const header = `INSERT INTO "cases" ("id", "number", "kind", "status", "team", "unit_id", "reporter_id", "created_at", "updated_at", "closed_at", "version") VALUES (?, ?, ?, ?, 'maintenance', ?, 'p1', ?, ?, ?, 3)`;
  const repair = `INSERT INTO "repair_details" ("case_id", "category", "description", "photos", "preferred_time", "billing", "intake_channel") VALUES (?, ?, 'drips', '[]', 'anytime', 'warranty', ?)`;
  const event = `INSERT INTO "case_events" ("id", "case_id", "at", "actor_type", "actor_id", "type", "data") VALUES (?, ?, ?, ?, ?, ?, '{}')`;
  const cases: Array<[string, string, string, Date, Date | null, string, string, string]> = [
    ["r1", "R-2026-000001", "u1", local("2026-12-02T10:00"), local("2026-12-03T10:00"), "closed", "plumbing", "phone"],
    ["r2", "R-2026-000002", "u2", local("2026-12-05T10:00"), local("2026-12-05T16:00"), "closed", "plumbing", "telegram"],
    ["r3", "R-2026-000003", "u1", local("2026-12-31T23:30"), null, "assigned", "plumbing", "counter"],
    ["r4", "R-2026-000004", "u3", local("2026-12-10T10:00"), local("2026-12-10T12:00"), "cancelled", "electrical", "telegram"],
  ];
  for (const [id, number, unitId, created, closed, status, category, channel] of cases) {
    await exec(header, [id, number, "repair", status, unitId, created, created, closed]);
    await exec(repair, [id, category, channel]);
    await exec(event, [`${id}-reported`, id, created, channel === "telegram" ? "owner" : "staff", channel === "telegram" ? "7001" : "UFRONT", "reported"]);
  }
  await exec(event, ["r1-late", "r1", minutes(local("2026-12-02T10:00"), 90), "staff", "ULEAD", "started"]);
  await exec(event, ["r1-first", "r1", minutes(local("2026-12-02T10:00"), 30), "staff", "ULEAD", "assigned"]);
  await exec(event, ["r2-owner", "r2", minutes(local("2026-12-05T10:00"), 5), "owner", "7001", "owner_replied"]);
  await exec(event, ["r2-first", "r2", minutes(local("2026-12-05T10:00"), 60), "staff", "ULEAD", "assigned"]);
  await exec(event, ["r3-first", "r3", minutes(local("2026-12-31T23:30"), 10), "staff", "ULEAD", "assigned"]);

  await exec(header, ["c1", "C-2026-000001", "complaint", "open", "u2", local("2026-12-03T10:00"), local("2026-12-03T10:00"), null]);
  await exec(
    `INSERT INTO "complaint_details" ("case_id", "subject", "description", "when_where", "owner_request", "photos", "channel", "suggested_tier", "tier") VALUES ('c1', 'noise', 'loud', '', '', '[]', 'letter', 'minor', 'minor')`,
    [],
  );
  await exec(event, ["c1-first", "c1", minutes(local("2026-12-03T10:00"), 15), "staff", "UFRONT", "classified"]);

  const callback = `INSERT INTO "callbacks" ("id", "case_id", "due_at", "status", "attempts", "created_at") VALUES (?, ?, ?, ?, 0, ?)`;
  await exec(callback, ["b1", "r1", local("2026-12-05T10:00"), "done", local("2026-12-03T10:00")]);
  await exec(callback, ["b2", "r2", local("2026-12-07T16:00"), "prompted", local("2026-12-05T16:00")]);
}

function migrationSuite(kind: DatabaseKind) {
  let test: TestDatabase | null = null;
  let previous: string | null = null;
  afterEach(async () => {
    await test?.cleanup();
    if (previous) await rm(previous, { recursive: true, force: true });
    test = previous = null;
  });

  it("a database from before the report's header columns gives the same month's figures after the upgrade, from the copied details, history and units", async () => {
    test = await openTestDatabase(kind, { migrate: false });
    previous = await previousMigrations(kind);
    const old = await openDatabase(test.url, { ...(test.schema ? { schema: test.schema } : {}), migrationsDir: previous });
    await old.migrate();
    await old.close();
    await withRawConnection(test, fillPreviousSchema);

    expect(await test.database.migrate()).toContain(headerMigration);
    const december = await buildMonthlyReport({ reports: test.database.reports, timeZone: zone, kinds: productRegistry() }, "2026-12");

    expect(december.requests.perCategory).toEqual([
      { kind: "repair", category: "plumbing", count: 3 },
      { kind: "repair", category: "electrical", count: 1 },
      { kind: "complaint", category: "noise", count: 1 },
    ]);
    expect(december.requests.perChannel).toEqual([
      { channel: "telegram", count: 2 },
      { channel: "phone", count: 1 },
      { channel: "counter", count: 1 },
      { channel: "letter", count: 1 },
    ]);
    // Repairs: first steps 30 (not the later 90), 60 (not the owner's 5) and 10 minutes; the phone intake's own report is none.
    expect(december.durations[0]?.firstResponse).toEqual({ count: 3, medianMinutes: 30, p90Minutes: 54 });
    // Closed after 1440 and 360 minutes; the cancelled repair is left out.
    expect(december.durations[0]?.completion).toEqual({ count: 2, medianMinutes: 900, p90Minutes: 1332 });
    expect(december.durations[1]?.firstResponse).toEqual({ count: 1, medianMinutes: 15, p90Minutes: 15 });
    expect(december.callbacks.coverage[0]).toEqual({ kind: "repair", finished: 2, done: 1, coverage: 0.5 });
    expect(december.recurring.categories).toEqual([{ building: "3", category: "plumbing", count: 3, caseNumbers: ["R-2026-000001", "R-2026-000002", "R-2026-000003"] }]);
  });
}

describe("the report header migration: SQLite", () => migrationSuite("sqlite"));
describe.skipIf(!postgresTestUrl)(postgresTestUrl ? "the report header migration: PostgreSQL" : `the report header migration: PostgreSQL SKIPPED: ${postgresSkipReason}`, () =>
  migrationSuite("postgresql"),
);
