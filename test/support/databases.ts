import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { openDatabase, type Database, type DatabaseKind } from "../../src/adapters/persistence/database.js";

/** The PostgreSQL server for tests (trust auth on this kind of machine); unset means "skip PostgreSQL". */
export const postgresTestUrl: string | undefined = process.env.TEST_DATABASE_URL || undefined;

/** Suite titles say why a PostgreSQL suite was skipped, so a skip is never mistaken for a pass. */
export const postgresSkipReason = "set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run";

/** A real database of its own for one test file: a temp SQLite file or a fresh PostgreSQL schema. */
export interface TestDatabase {
  kind: DatabaseKind;
  database: Database;
  /** The URL and options to open more connections to the same storage (another "process"). */
  url: string;
  schema: string | undefined;
  /** Another {@link Database} on the same storage, closed by `cleanup`. Not migrated. */
  connectAgain(): Promise<Database>;
  /** Deletes every row of every table but the migrations record (between tests of one file). */
  reset(): Promise<void>;
  /** Closes every connection and deletes the file or drops the schema. */
  cleanup(): Promise<void>;
}

export interface OpenTestDatabaseOptions {
  /** Apply the migrations before returning (default true). */
  migrate?: boolean;
}

/**
 * Opens an isolated database of `kind`, migrated unless asked otherwise. PostgreSQL needs
 * TEST_DATABASE_URL; the schema is `test_<random>` and is dropped by `cleanup`.
 */
export async function openTestDatabase(kind: DatabaseKind, options: OpenTestDatabaseOptions = {}): Promise<TestDatabase> {
  const opened: Database[] = [];
  const open = async (url: string, schema: string | undefined) => {
    const database = await openDatabase(url, schema === undefined ? {} : { schema });
    opened.push(database);
    return database;
  };
  const closeAll = async () => {
    await Promise.all(opened.map((database) => database.close()));
  };

  let url: string;
  let schema: string | undefined;
  let reset: () => Promise<void>;
  let drop: () => Promise<void>;
  if (kind === "sqlite") {
    const dir = await mkdtemp(path.join(os.tmpdir(), "frontdesk-test-"));
    const file = path.join(dir, "test.db");
    url = `file:${file}`;
    schema = undefined;
    reset = async () => resetSqlite(file);
    drop = async () => rm(dir, { recursive: true, force: true });
  } else {
    if (!postgresTestUrl) throw new Error(`PostgreSQL tests need TEST_DATABASE_URL: ${postgresSkipReason}`);
    url = postgresTestUrl;
    const name = `test_${randomBytes(6).toString("hex")}`;
    schema = name;
    reset = async () => resetPostgres(postgresTestUrl as string, name);
    drop = async () => {
      await withPostgres(postgresTestUrl as string, (client) => client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`));
    };
  }

  const database = await open(url, schema);
  try {
    if (options.migrate ?? true) await database.migrate();
  } catch (error) {
    await closeAll();
    await drop();
    throw error;
  }
  return {
    kind,
    database,
    url,
    schema,
    connectAgain: () => open(url, schema),
    reset,
    async cleanup() {
      await closeAll();
      await drop();
    },
  };
}

async function withPostgres<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function resetPostgres(url: string, schema: string): Promise<void> {
  await withPostgres(url, async (client) => {
    const { rows } = await client.query<{ tablename: string }>(
      `SELECT tablename::text AS tablename FROM pg_tables WHERE schemaname = $1 AND tablename <> '_prisma_migrations'`,
      [schema],
    );
    if (rows.length === 0) return;
    const tables = rows.map((row) => `"${schema}"."${row.tablename}"`).join(", ");
    await client.query(`TRUNCATE ${tables} RESTART IDENTITY`);
  });
}

function resetSqlite(file: string): void {
  const db = new BetterSqlite3(file, { timeout: 5_000 });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`)
      .all() as Array<{ name: string }>;
    db.transaction(() => {
      for (const { name } of tables) db.exec(`DELETE FROM "${name}"`);
    })();
  } finally {
    db.close();
  }
}

/** Plain SQL on a test database's storage, for tests that watch what several processes write. */
export interface SqlClient {
  query<R extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: R[] }>;
  end(): Promise<void>;
}

/** A connection of its own to the PostgreSQL schema of `test` (its tables unqualified). */
export async function connectSql(test: TestDatabase): Promise<SqlClient> {
  if (test.kind !== "postgresql") throw new Error("connectSql is for PostgreSQL test databases");
  const client = new pg.Client({ connectionString: test.url, options: `-c search_path=${test.schema}` });
  await client.connect();
  return {
    query: async <R extends Record<string, unknown>>(text: string, values?: unknown[]) => ({ rows: (await client.query(text, values)).rows as R[] }),
    end: () => client.end(),
  };
}
