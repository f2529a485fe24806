import type { PrismaTx } from "../prisma-client.js";

/**
 * How one kind's details are stored: a table of its own, one row per case, keyed by the case id,
 * with a real column for every field (reports filter and group by them). The case repository
 * writes the shared header and hands the details to the table of the case's kind.
 */
export interface DetailsTable {
  kind: string;
  create(tx: PrismaTx, caseId: string, details: unknown): Promise<void>;
  update(tx: PrismaTx, caseId: string, details: unknown): Promise<void>;
  /** The details of the given cases, by case id; a case without a row is missing from the map. */
  read(tx: PrismaTx, caseIds: readonly string[]): Promise<Map<string, unknown>>;
}
