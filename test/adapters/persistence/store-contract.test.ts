import { execFile } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { readFile } from "node:fs/promises";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { defaultMigrationsDir, readMigrations } from "../../../src/adapters/persistence/migrate.js";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import { createMemoryStore } from "../../../src/testing/memory-store.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { aPriceItem, aReceipt, aResident, aServiceOrder, aSlackCard, aStaffMember, aTicket, aUnit, aWorkOrder, anEvent, t0 } from "./fixtures.js";
import { aCharge, aPayment } from "./store-contract-fees.js";
import { storeContract, type ContractSubject } from "./store-contract.js";

/** A skipped PostgreSQL suite says so in its name, so a skip is never read as a pass. */
function postgresTitle(title: string): string {
  return postgresTestUrl ? title : `${title} SKIPPED: ${postgresSkipReason}`;
}

function databaseSubject(kind: DatabaseKind): () => Promise<ContractSubject> {
  return async () => {
    const test = await openTestDatabase(kind);
    // SQLite: the same Database (see ContractSubject.another); PostgreSQL: a second pool.
    const second = kind === "postgresql" ? (await test.connectAgain()).unitOfWork : test.database.unitOfWork;
    return {
      async fresh() {
        await test.reset();
        return test.database.unitOfWork;
      },
      another: async () => second,
      close: () => test.cleanup(),
    };
  };
}

describe("persistence port contract: in-memory store", () => {
  storeContract(async () => {
    let store = createMemoryStore();
    return {
      async fresh() {
        store = createMemoryStore();
        return store;
      },
      another: async () => store,
      close: async () => undefined,
    };
  });
});

describe("persistence port contract: SQLite (temp file)", () => {
  storeContract(databaseSubject("sqlite"));
});

describe.skipIf(!postgresTestUrl)(postgresTitle("persistence port contract: PostgreSQL (own schema)"), () => {
  storeContract(databaseSubject("postgresql"));
});

async function appliedRows(test: TestDatabase): Promise<Array<{ migration_name: string; checksum: string; finished_at: unknown; applied_steps_count: number }>> {
  const query = `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`;
  if (test.kind === "sqlite") {
    const db = new BetterSqlite3(test.url.slice("file:".length), { readonly: true });
    try {
      return db.prepare(query).all() as Awaited<ReturnType<typeof appliedRows>>;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: test.url, options: `-c search_path=${test.schema}` });
  await client.connect();
  try {
    return (await client.query(query)).rows;
  } finally {
    await client.end();
  }
}

/** Rows per table, every table but the migrations record. */
async function rowCounts(test: TestDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  if (test.kind === "sqlite") {
    const db = new BetterSqlite3(test.url.slice("file:".length), { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`).all() as Array<{ name: string }>;
      for (const { name } of tables) counts[name] = (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n;
    } finally {
      db.close();
    }
    return counts;
  }
  const client = new pg.Client({ connectionString: test.url, options: `-c search_path=${test.schema}` });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(`SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> '_prisma_migrations'`, [test.schema]);
    for (const { tablename } of rows) counts[tablename] = Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${tablename}"`)).rows[0]?.n);
  } finally {
    await client.end();
  }
  return counts;
}

function migrationSuite(kind: DatabaseKind) {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  it("migrate() applies every migration folder once and nothing the second time", async () => {
    test = await openTestDatabase(kind, { migrate: false });
    const all = (await readMigrations(defaultMigrationsDir[kind])).map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);
    expect(await test.database.migrate()).toEqual(all);
    expect(await test.database.migrate()).toEqual([]);
    const again = await test.connectAgain();
    expect(await again.migrate()).toEqual([]);
  });

  it("migrate() records each migration as Prisma does: name, sha256 of migration.sql, finished, one step", async () => {
    test = await openTestDatabase(kind);
    const rows = await appliedRows(test);
    const expected = await Promise.all(
      (await readMigrations(defaultMigrationsDir[kind])).map(async (m) => ({
        migration_name: m.name,
        checksum: createHash("sha256")
          .update(await readFile(path.join(defaultMigrationsDir[kind], m.name, "migration.sql")))
          .digest("hex"),
        applied_steps_count: 1,
      })),
    );
    expect(rows.map(({ finished_at: _finished, ...rest }) => ({ ...rest, applied_steps_count: Number(rest.applied_steps_count) }))).toEqual(expected);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it("wipe() deletes every row of every table in one go and keeps the schema and its migration record", async () => {
    test = await openTestDatabase(kind);
    await test.database.unitOfWork.transaction(async (store) => {
      const unit = await store.units.upsert(aUnit());
      await store.residents.upsert(aResident(unit.id));
      await store.staff.upsert(aStaffMember());
      await store.prices.upsertMany([aPriceItem()]);
      const ticket = aTicket({ unitId: unit.id });
      await store.cases.create(ticket);
      await store.cases.appendEvent(anEvent(ticket.id));
      await store.cases.nextSequence("R-2026");
      const order = aServiceOrder({ unitId: unit.id });
      await store.cases.create(order);
      await store.workOrders.createOnce(aWorkOrder(order.id, order.number));
      await store.receipts.create(aReceipt({ caseId: order.id, unitId: unit.id }));
      const charge = aCharge({ unitId: unit.id });
      await store.charges.upsertMany([charge]);
      await store.payments.create(aPayment(charge));
      await store.jobs.enqueue({ id: randomUUID(), runAt: t0, payload: { type: "clock.due", clockId: "c1" } });
      await store.outbox.enqueue({ id: randomUUID(), createdAt: t0, payload: aSlackCard(ticket.id) });
      await store.keyValues.set("playground:demo", "{}");
      await store.inbox.recordOnce("slack", "k1", t0);
    });
    const before = await rowCounts(test);
    expect(Object.values(before).filter((n) => n > 0).length).toBeGreaterThanOrEqual(13);
    expect([before.service_details, before.work_orders, before.receipts, before.charges, before.payments]).toEqual([1, 1, 1, 1, 1]);

    await test.database.wipe();

    expect(Object.values(await rowCounts(test)).every((n) => n === 0)).toBe(true);
    expect(await test.database.migrate()).toEqual([]);
    expect(await test.database.unitOfWork.transaction((store) => store.cases.nextSequence("R-2026"))).toBe(1);
  });

  it("two processes migrating an empty database at once apply each migration exactly once", async () => {
    test = await openTestDatabase(kind, { migrate: false });
    const other = await test.connectAgain();
    const [a, b] = await Promise.all([test.database.migrate(), other.migrate()]);
    const all = (await readMigrations(defaultMigrationsDir[kind])).map((m) => m.name);
    expect([...(a ?? []), ...(b ?? [])].sort()).toEqual(all);
    expect(await appliedRows(test)).toHaveLength(all.length);
  });
}

describe("migrations: SQLite", () => {
  migrationSuite("sqlite");
});

describe("SQLite across processes", () => {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  it("two processes claiming jobs from one SQLite file at once never get the same job (BEGIN IMMEDIATE + busy timeout)", async () => {
    test = await openTestDatabase("sqlite");
    const ids = await test.database.unitOfWork.transaction(async (store) => {
      const created: string[] = [];
      for (let i = 0; i < 150; i++) {
        const id = randomUUID();
        await store.jobs.enqueue({ id, runAt: new Date(Date.UTC(2026, 0, 1, 0, i)), payload: { type: "clock.due", clockId: `c${i}` } });
        created.push(id);
      }
      return created;
    });
    const fixture = fileURLToPath(new URL("./sqlite-claimer.fixture.ts", import.meta.url));
    const startAt = String(Date.now() + 2_500);
    const run = () => promisify(execFile)(process.execPath, ["--import", "tsx", fixture, test!.url, startAt], { timeout: 30_000 });
    const outputs = await Promise.all([run(), run()]);
    const [a, b] = outputs.map((out) => JSON.parse(out.stdout) as string[]);
    const all = [...(a ?? []), ...(b ?? [])];
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual([...ids].sort());
  }, 40_000);
});

describe.skipIf(!postgresTestUrl)(postgresTitle("migrations: PostgreSQL"), () => {
  migrationSuite("postgresql");
});
