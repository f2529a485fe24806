import type { TicketKind } from "../domain/ticket.js";

/** Human ticket numbers: a letter per kind, the local year, a six-digit sequence (R-2026-000123). */
export const ticketPrefixes: Record<TicketKind, string> = { repair: "R" };

export function formatTicketNumber(kind: TicketKind, year: number, sequence: number): string {
  return `${ticketPrefixes[kind]}-${year}-${String(sequence).padStart(6, "0")}`;
}
