/**
 * Human case numbers: the kind's letter, the local year, a six-digit sequence per kind and year
 * (R-2026-000123). The sequence is named `<prefix>-<year>`; a number is never reused.
 */
export function formatCaseNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, "0")}`;
}

export function sequenceName(prefix: string, year: number): string {
  return `${prefix}-${year}`;
}
