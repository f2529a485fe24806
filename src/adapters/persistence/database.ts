import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import BetterSqlite3 from "better-sqlite3";
import type { ReportQueries } from "../../core/ports/reports.js";
import type { UnitOfWork } from "../../core/ports/store.js";
import type { PrismaClient as SqliteClient } from "../../generated/sqlite/client.js";
import { defaultMigrationsDir, migratePostgres, migrateSqlite } from "./migrate.js";
import { NameAsTextPool } from "./name-as-text-pool.js";
import type { DatabaseKind } from "./prisma-client.js";
import { prismaReportQueries } from "./prisma-report-queries.js";
import { defaultTransactionLimits, prismaUnitOfWork, type TransactionLimits } from "./prisma-store.js";
import { wipeAllRows } from "./wipe.js";

export type { DatabaseKind } from "./prisma-client.js";

/** The `DATABASE_URL` default: a SQLite file under ./data (the directory is created). */
export const defaultDatabaseUrl = "file:./data/frontdesk.db";

/** An open database: the store of the core, its migrations, and the way to let go of it. */
export interface Database {
  kind: DatabaseKind;
  unitOfWork: UnitOfWork;
  /** The monthly report's aggregates, read outside any transaction (no SQLite write lock taken). */
  reports: ReportQueries;
  /**
   * Applies the migrations the database has not seen yet, in folder order, and returns their
   * names (empty when up to date). Safe when several processes start at once; recorded in
   * `_prisma_migrations` exactly as `prisma migrate deploy` would, so `prisma migrate status` agrees.
   */
  migrate(): Promise<string[]>;
  /**
   * Deletes every row of every table in one transaction, keeping the schema and its migration
   * record. For the playground's `demo reset`; nothing else in the product deletes data.
   */
  wipe(): Promise<void>;
  /**
   * One trivial query outside any transaction (no SQLite write lock taken): resolves when the
   * database answers, rejects when it does not. For health checks.
   */
  ping(): Promise<void>;
  /** Closes every connection; idempotent. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL schema to use (created by `migrate` if missing); overrides `?schema=` in the URL. */
  schema?: string;
  /** Migration folders other than the project's prisma/ ones (tests of the migrator). */
  migrationsDir?: string;
  transactionLimits?: Partial<TransactionLimits>;
  /** PostgreSQL pool size; default 10. */
  poolSize?: number;
}

const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** Which database a URL names; anything but `file:` and `postgres(ql)://` is refused. */
export function databaseKind(url: string): DatabaseKind {
  if (/^postgres(ql)?:\/\//i.test(url)) return "postgresql";
  if (url.startsWith("file:")) return "sqlite";
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? "(none)";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), not ${scheme}`);
}

/**
 * Opens SQLite (`file:./path.db`) or PostgreSQL (`postgresql://...`, optional `?schema=`) through
 * Prisma driver adapters. Nothing is migrated until {@link Database.migrate} is called.
 *
 * SQLite runs in WAL mode with a busy timeout, and every transaction starts with
 * `BEGIN IMMEDIATE`: it takes the write lock up front, so the CLI and the app can share the file
 * without a read-then-write transaction failing on the lock upgrade (SQLITE_BUSY_SNAPSHOT).
 */
export async function openDatabase(url: string = defaultDatabaseUrl, opts: OpenDatabaseOptions = {}): Promise<Database> {
  const limits = { ...defaultTransactionLimits, ...opts.transactionLimits };
  return databaseKind(url) === "sqlite" ? openSqlite(url, opts, limits) : openPostgres(url, opts, limits);
}

async function openSqlite(url: string, opts: OpenDatabaseOptions, limits: TransactionLimits): Promise<Database> {
  const filename = sqliteFilename(url);
  mkdirSync(path.dirname(filename), { recursive: true });
  const { PrismaClient, Prisma } = await import("../../generated/sqlite/client.js");
  const client = new PrismaClient({
    adapter: new ImmediateBetterSqlite3({ url: filename, timeout: SQLITE_BUSY_TIMEOUT_MS }, { timestampFormat: "iso8601" }),
  });
  let closed = false;
  return {
    kind: "sqlite",
    unitOfWork: prismaUnitOfWork(client, "sqlite", limits),
    reports: prismaReportQueries(client, "sqlite"),
    migrate: () => migrateSqlite(filename, opts.migrationsDir ?? defaultMigrationsDir.sqlite),
    wipe: () => wipeAllRows(client, Object.values(Prisma.ModelName)),
    async ping() {
      await client.$queryRaw`SELECT 1`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.$disconnect();
    },
  };
}

/** The absolute path of a `file:` URL's SQLite database; an in-memory database is refused. */
export function sqliteFilename(url: string): string {
  const bare = url.replace(/\?.*$/, "");
  if (bare === "file::memory:" || bare === "file::memory") {
    throw new Error("an in-memory SQLite database cannot be migrated and used by separate connections; use a file");
  }
  const file = bare.startsWith("file://") ? fileURLToPath(bare) : bare.slice("file:".length);
  return path.resolve(file);
}

/**
 * The better-sqlite3 adapter with our connection settings.
 *
 * Danger: the adapter starts transactions with a plain (deferred) `BEGIN` and offers no option;
 * we reach its connection to turn that into `BEGIN IMMEDIATE`. It is pinned at 6.19.3; if an
 * upgrade moves the connection, this throws at the first query instead of silently losing the
 * guarantee that claims are exclusive across processes.
 */
class ImmediateBetterSqlite3 extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const db = (adapter as unknown as { client?: unknown }).client;
    if (!(db instanceof BetterSqlite3)) {
      throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection; cannot enforce BEGIN IMMEDIATE");
    }
    db.pragma("journal_mode = WAL");
    db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    const prepare = db.prepare.bind(db);
    db.prepare = ((source: string) => prepare(source === "BEGIN" ? "BEGIN IMMEDIATE" : source)) as typeof db.prepare;
    return adapter;
  }
}

async function openPostgres(url: string, opts: OpenDatabaseOptions, limits: TransactionLimits): Promise<Database> {
  const parsed = new URL(url);
  const explicitSchema = opts.schema ?? parsed.searchParams.get("schema") ?? undefined;
  parsed.searchParams.delete("schema");
  const schema = explicitSchema ?? "public";
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`PostgreSQL schema name must be a plain identifier (letters, digits, _), not ${JSON.stringify(schema)}`);
  }
  // Prisma qualifies its own queries with `schema`; our raw SQL (claims, sequences, inbox) and the
  // migrations are unqualified and reach the schema through search_path.
  const pool = new NameAsTextPool({
    connectionString: parsed.toString(),
    options: `-c search_path=${schema}`,
    max: opts.poolSize ?? 10,
  });
  const { PrismaClient, Prisma } = await import("../../generated/postgresql/client.js");
  // Same schema, same model API: the repositories are typed against the SQLite client.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { schema }) }) as unknown as SqliteClient;
  let closed = false;
  return {
    kind: "postgresql",
    unitOfWork: prismaUnitOfWork(client, "postgresql", limits),
    reports: prismaReportQueries(client, "postgresql"),
    migrate: () =>
      migratePostgres(pool, opts.migrationsDir ?? defaultMigrationsDir.postgresql, explicitSchema === "public" ? undefined : explicitSchema),
    wipe: () => wipeAllRows(client, Object.values(Prisma.ModelName)),
    async ping() {
      await client.$queryRaw`SELECT 1`;
    },
    async close() {
      if (closed) return;
      closed = true;
      await client.$disconnect();
      await pool.end();
    },
  };
}
