import type { z } from "zod";

/** A CSV record with the line it came from (the header is line 1). */
export interface NumberedRow {
  line: number;
  values: Record<string, string>;
}

export interface ImportProblem {
  line: number;
  reason: string;
}

export type ImportResult = { ok: true; created: number; updated: number } | { ok: false; problems: ImportProblem[] };

/** Validates every row and reports every problem, so one run shows the whole list to fix. */
export function validateRows<S extends z.ZodType>(
  rows: NumberedRow[],
  schema: S,
  header: readonly string[],
): { ok: true; rows: z.infer<S>[] } | { ok: false; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const parsed: z.infer<S>[] = [];
  const first = rows[0];
  if (first) {
    const missing = header.filter((column) => !(column in first.values));
    if (missing.length > 0) return { ok: false, problems: [{ line: 1, reason: `missing column(s): ${missing.join(", ")}` }] };
  }
  for (const row of rows) {
    const result = schema.safeParse(row.values);
    if (result.success) parsed.push(result.data);
    else problems.push({ line: row.line, reason: result.error.issues.map((issue) => `${issue.path.join(".") || "row"}: ${issue.message}`).join("; ") });
  }
  if (rows.length === 0) problems.push({ line: 1, reason: "the file has no rows" });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows: parsed };
}
