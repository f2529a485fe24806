import type { Prisma } from "../../generated/sqlite/client.js";
import { WorkflowError } from "../../core/domain/errors.js";

/**
 * The transaction client every repository works with. Both generated clients (SQLite and
 * PostgreSQL) come from one schema and have the same model API, so the repositories are typed
 * against the SQLite one and database.ts hands them the PostgreSQL client under this type.
 */
export type PrismaTx = Prisma.TransactionClient;

export type DatabaseKind = "sqlite" | "postgresql";

/** What a repository needs: the transaction and which SQL dialect its raw statements speak. */
export interface RepositoryContext {
  tx: PrismaTx;
  kind: DatabaseKind;
}

/** An update or delete by id that touched no row: the same error the in-memory store throws. */
export function notFound(what: string, id: string): WorkflowError {
  return new WorkflowError("not_found", `${what} ${id} does not exist`, { id });
}

/** Reads a JSON text column. */
export function parseJson(text: string, column: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`stored ${column} is not valid JSON`, { cause: error });
  }
}
