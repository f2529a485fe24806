import { existsSync } from "node:fs";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { databaseKind, sqliteFilename, type DatabaseKind } from "./database.js";
import { defaultMigrationsDir, migrationState, readMigrations, type AppliedRow, type MigrationState } from "./migrate.js";

/** What `doctor` learns of a database without changing it. */
export type DatabaseStatus =
  | ({ reachable: true; kind: DatabaseKind; exists: boolean } & MigrationState)
  | { reachable: false; kind: DatabaseKind; error: string };

const connectTimeoutMs = 5_000;

/**
 * Connects to the database of `url` read-only and compares its migration record with the
 * migration folders. Never creates, migrates or locks anything: a SQLite file that does not exist
 * yet is reported as such (start-up creates it), and PostgreSQL is asked with one short query.
 * A server that does not answer within 5 s counts as unreachable.
 */
export async function databaseStatus(url: string): Promise<DatabaseStatus> {
  const kind = databaseKind(url);
  const migrations = await readMigrations(defaultMigrationsDir[kind]);
  if (kind === "sqlite") {
    const file = sqliteFilename(url);
    if (!existsSync(file)) return { reachable: true, kind, exists: false, ...migrationState(migrations, []) };
    let db: BetterSqlite3.Database | undefined;
    try {
      db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, timeout: connectTimeoutMs });
      const recorded = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'`).get() !== undefined;
      const rows = recorded ? (db.prepare(`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`).all() as AppliedRow[]) : [];
      return { reachable: true, kind, exists: true, ...migrationState(migrations, rows) };
    } catch (error) {
      return { reachable: false, kind, error: messageOf(error) };
    } finally {
      db?.close();
    }
  }
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema") ?? "public";
  parsed.searchParams.delete("schema");
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) return { reachable: false, kind, error: `the schema name ${JSON.stringify(schema)} is not a plain identifier` };
  const client = new pg.Client({ connectionString: parsed.toString(), connectionTimeoutMillis: connectTimeoutMs, query_timeout: connectTimeoutMs });
  // An unreachable server also emits 'error' on the client; unheard, it would end the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    const table = await client.query<{ found: string | null }>(`SELECT to_regclass($1)::text AS found`, [`"${schema}"."_prisma_migrations"`]);
    const rows = table.rows[0]?.found
      ? (await client.query<AppliedRow>(`SELECT migration_name, finished_at, rolled_back_at FROM "${schema}"."_prisma_migrations"`)).rows
      : [];
    return { reachable: true, kind, exists: true, ...migrationState(migrations, rows) };
  } catch (error) {
    return { reachable: false, kind, error: messageOf(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(messageOf).join("; ");
  if (error instanceof Error) return error.message || ("code" in error ? String(error.code) : error.name);
  return String(error);
}
