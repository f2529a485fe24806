import { createHash, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import type pg from "pg";

/** One folder of Prisma's migration layout: `<timestamp>_<name>/migration.sql`. */
export interface MigrationFile {
  name: string;
  sql: string;
  /** sha256 hex of migration.sql, as Prisma records it. */
  checksum: string;
}

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** Where the migrations of each database live (prisma/migrations is the SQLite one). */
export const defaultMigrationsDir = {
  sqlite: path.join(projectRoot, "prisma", "migrations"),
  postgresql: path.join(projectRoot, "prisma", "postgresql", "migrations"),
} as const;

/** Prisma's own lock key, so this migrator and `prisma migrate deploy` exclude each other. */
const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** Migration folders in the order Prisma applies them (lexical, timestamps first). */
export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  if (!existsSync(dir)) throw new Error(`no migrations folder at ${dir}`);
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const migrations: MigrationFile[] = [];
  for (const name of names) {
    const file = path.join(dir, name, "migration.sql");
    if (!existsSync(file)) continue;
    const bytes = await readFile(file);
    migrations.push({ name, sql: bytes.toString("utf8"), checksum: createHash("sha256").update(bytes).digest("hex") });
  }
  return migrations;
}

export interface AppliedRow {
  migration_name: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/**
 * Which migrations still need applying. A row that started but never finished means an earlier
 * run failed outside our transactional path (for example `prisma migrate deploy`): refuse, as
 * Prisma does (P3009), rather than guess what state the schema is in. Checksum differences of
 * applied migrations are ignored, as `prisma migrate deploy` ignores them.
 */
function pendingMigrations(all: MigrationFile[], rows: AppliedRow[]): MigrationFile[] {
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
  if (failed.length > 0) {
    throw new Error(`failed migrations found in the database (${failed.join(", ")}); resolve them with \`prisma migrate resolve\``);
  }
  const applied = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
  return all.filter((m) => !applied.has(m.name));
}

/** What a database's migration record says against the migration folders. */
export interface MigrationState {
  applied: string[];
  pending: string[];
  /** Started and never finished (a failed `prisma migrate deploy`): start-up refuses to run until resolved. */
  failed: string[];
}

/** The {@link MigrationState} of the rows of `_prisma_migrations` (none: a database never migrated). */
export function migrationState(all: MigrationFile[], rows: AppliedRow[]): MigrationState {
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
  const applied = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
  return { applied: all.filter((m) => applied.has(m.name)).map((m) => m.name), pending: all.filter((m) => !applied.has(m.name)).map((m) => m.name), failed };
}

const sqliteBookkeeping = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

const postgresBookkeeping = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** Prisma writes SQLite instants as ISO text with an explicit offset. */
export function sqliteInstant(at: Date): string {
  return at.toISOString().replace("Z", "+00:00");
}

/**
 * Applies pending migrations to a SQLite file and returns their names; in-process, no Prisma CLI.
 *
 * All of it runs in one `BEGIN IMMEDIATE` transaction: a second process starting at the same
 * moment waits on the write lock (busy timeout), then finds everything applied. SQLite DDL is
 * transactional, so a failing migration leaves the file as it was.
 */
export async function migrateSqlite(filename: string, dir: string = defaultMigrationsDir.sqlite): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const db = new Database(filename, { timeout: 15_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(sqliteBookkeeping);
      const rows = db.prepare(`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`).all() as AppliedRow[];
      const pending = pendingMigrations(migrations, rows);
      const record = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, NULL, NULL, ?, 1)`,
      );
      for (const migration of pending) {
        const startedAt = sqliteInstant(new Date());
        try {
          db.exec(migration.sql);
        } catch (error) {
          throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
        record.run(randomUUID(), migration.checksum, sqliteInstant(new Date()), migration.name, startedAt);
      }
      db.exec("COMMIT");
      return pending.map((m) => m.name);
    } catch (error) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw error;
    }
  } finally {
    db.close();
  }
}

/**
 * Applies pending migrations to the pool's schema (its search_path) and returns their names.
 *
 * A session advisory lock (Prisma's key) serialises concurrent starters; each migration and its
 * bookkeeping row commit in one transaction, so a failure leaves no half-applied migration.
 * Danger: statements that PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY)
 * cannot be used in migrations.
 */
export async function migratePostgres(
  pool: pg.Pool,
  dir: string = defaultMigrationsDir.postgresql,
  schema?: string,
): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    try {
      if (schema !== undefined) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await client.query(postgresBookkeeping);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      );
      const pending = pendingMigrations(migrations, rows);
      for (const migration of pending) {
        const startedAt = new Date();
        await client.query("BEGIN");
        try {
          await client.query(migration.sql);
          await client.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, NULL, NULL, $4, 1)`,
            [randomUUID(), migration.checksum, migration.name, startedAt],
          );
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK");
          throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
        }
      }
      return pending.map((m) => m.name);
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}
