import type { PrismaTx } from "../prisma-client.js";

/**
 * How one kind's details are stored: a table of its own, one row per case, keyed by the case id,
 * with a real column for every field (reports filter and group by them). The case repository
 * writes the shared header and hands the details to the table of the case's kind.
 */
export interface DetailsTable {
  kind: string;
  /**
   * What the monthly report groups the case by, copied onto the case header each time the case
   * is written (opened or corrected), so the report reads the header's index instead of joining
   * every details table per case. Both null for a kind the report does not group (fee files).
   */
  reportKeys(details: unknown): ReportKeys;
  create(tx: PrismaTx, caseId: string, details: unknown): Promise<void>;
  update(tx: PrismaTx, caseId: string, details: unknown): Promise<void>;
  /** The details of the given cases, by case id; a case without a row is missing from the map. */
  read(tx: PrismaTx, caseIds: readonly string[]): Promise<Map<string, unknown>>;
}

/** The header's copy of a case's report keys: its category and its intake channel. */
export interface ReportKeys {
  category: string | null;
  channel: string | null;
  /** A complaint's tier once classified; null for every other kind. */
  tier: string | null;
}
