import { z } from "zod";

/**
 * A CSV record with the line it came from (the header is line 1). `problem` is set when the file
 * itself is broken at that record (a wrong number of columns, a quote never closed): the record
 * is then reported as it is and its values are not validated.
 */
export interface NumberedRow {
  line: number;
  values: Record<string, string>;
  problem?: string;
}

export interface ImportProblem {
  line: number;
  reason: string;
}

export type ImportResult = { ok: true; created: number; updated: number } | { ok: false; problems: ImportProblem[] };

/** A validated row with its line. */
export interface CheckedRow<T> {
  line: number;
  row: T;
}

/**
 * What must be unique within one file. `key` names the thing a re-import updates (a unit, a
 * staff member): two rows with the same key would silently let the later one win, so the later
 * one is refused, naming the earlier. `conflict`, when given, is asked about two rows sharing a
 * `group` (e.g. two owners of one unit): it returns why they disagree, or null when they agree.
 */
export interface UniqueKey<T> {
  key(row: T): string;
  describe(row: T): string;
  group?: { of(row: T): string; conflict(first: T, later: T): string | null };
}

/**
 * Validates every row and reports every problem (broken records, bad values, repeated keys), so
 * one run shows the whole list to fix; problems come in line order.
 */
export function validateRows<S extends z.ZodType>(
  rows: NumberedRow[],
  schema: S,
  header: readonly string[],
  unique?: UniqueKey<z.infer<S>>,
): { ok: true; rows: CheckedRow<z.infer<S>>[] } | { ok: false; problems: ImportProblem[] } {
  const checked = checkRows(rows, schema, header, unique);
  return checked.problems.length > 0 ? { ok: false, problems: checked.problems } : { ok: true, rows: checked.rows };
}

/**
 * {@link validateRows} that also gives the good rows when some are bad, for imports whose rows
 * are checked against the store too (is the unit registered?): so one run reports those lines
 * along with the rest. `columnsMissing`: the header lacks a column, and no row was read.
 */
export function checkRows<S extends z.ZodType>(
  rows: NumberedRow[],
  schema: S,
  header: readonly string[],
  unique?: UniqueKey<z.infer<S>>,
): { rows: CheckedRow<z.infer<S>>[]; problems: ImportProblem[]; columnsMissing: boolean } {
  const problems: ImportProblem[] = [];
  const parsed: CheckedRow<z.infer<S>>[] = [];
  const first = rows.find((row) => row.problem === undefined);
  if (first) {
    const missing = header.filter((column) => !(column in first.values));
    if (missing.length > 0) return { rows: [], problems: [{ line: 1, reason: `missing column(s): ${missing.join(", ")}` }], columnsMissing: true };
  }
  for (const row of rows) {
    if (row.problem !== undefined) {
      problems.push({ line: row.line, reason: row.problem });
      continue;
    }
    const result = schema.safeParse(row.values);
    if (result.success) parsed.push({ line: row.line, row: result.data });
    else problems.push({ line: row.line, reason: result.error.issues.map((issue) => `${issue.path.join(".") || "row"}: ${issue.message}`).join("; ") });
  }
  if (unique) problems.push(...repeatedKeys(parsed, unique));
  if (rows.length === 0) problems.push({ line: 1, reason: "the file has no rows" });
  problems.sort((a, b) => a.line - b.line);
  return { rows: parsed, problems, columnsMissing: false };
}

function repeatedKeys<T>(rows: CheckedRow<T>[], unique: UniqueKey<T>): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const firstByKey = new Map<string, number>();
  const firstByGroup = new Map<string, CheckedRow<T>>();
  for (const checked of rows) {
    const key = unique.key(checked.row);
    const earlier = firstByKey.get(key);
    if (earlier !== undefined) {
      problems.push({ line: checked.line, reason: `${unique.describe(checked.row)} is listed again; it is already on line ${earlier}` });
      continue;
    }
    firstByKey.set(key, checked.line);
    if (!unique.group) continue;
    const group = unique.group.of(checked.row);
    const head = firstByGroup.get(group);
    if (!head) {
      firstByGroup.set(group, checked);
      continue;
    }
    const conflict = unique.group.conflict(head.row, checked.row);
    if (conflict !== null) problems.push({ line: checked.line, reason: `${conflict} than on line ${head.line}` });
  }
  return problems;
}

/** A CSV column of a calendar date, `YYYY-MM-DD`, that exists (no 2026-02-30); `column` names it in the error. */
export function localDateColumn(column: string) {
  return z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${column} must be YYYY-MM-DD`)
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), `${column} is not a real date`);
}
