import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import type { NumberedRow } from "../core/use-cases/shared/import-rows.js";

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Reads a CSV file into rows numbered by their line in the file (the header is line 1), keyed by
 * the header's column names. A file broken as CSV does not stop at its first fault: a row with
 * the wrong number of columns, or one the parser cannot read, comes back with a `problem` (and
 * the import reports them all), and a quote never closed is reported at the line where it opens
 * rather than at the end of the file, where the parser notices it.
 */
export async function readCsv(file: string): Promise<NumberedRow[]> {
  return parseCsv(await readFile(file, "utf8"));
}

/** {@link readCsv} of text already read. */
export function parseCsv(text: string): NumberedRow[] {
  const broken: NumberedRow[] = [];
  let unclosedQuote = false;
  const records = parse(text, {
    bom: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    relax_column_count: true,
    skip_records_with_error: true,
    on_skip: (error: { code?: string; lines?: number; message: string } | undefined) => {
      if (!error) return;
      if (error.code === "CSV_QUOTE_NOT_CLOSED") unclosedQuote = true;
      else broken.push({ line: error.lines ?? 0, values: {}, problem: `not readable as CSV (${error.message.replace(/ at line \d+.*$/, "")})` });
    },
  }) as unknown as ParsedRecord[];
  const [head, ...body] = records;
  if (!head) return broken;
  const columns = head.record;
  const rows: NumberedRow[] = body.map(({ record, info }) =>
    record.length === columns.length
      ? { line: info.lines, values: Object.fromEntries(columns.map((column, index) => [column, record[index] ?? ""])) }
      : { line: info.lines, values: {}, problem: `${record.length} columns instead of ${columns.length}` },
  );
  const all = [...rows, ...broken];
  if (unclosedQuote) {
    const opening = unclosedQuoteLine(text);
    all.push({ line: opening, values: {}, problem: "a quote opens here and is never closed; everything after it was read as one field" });
  }
  return all.sort((a, b) => a.line - b.line);
}

/**
 * The line of the quote left open at the end of the text. Quotes pair up in CSV (a doubled
 * quote inside a quoted field opens and closes again on the same line), so the last one that
 * leaves the text inside quotes is the culprit.
 */
function unclosedQuoteLine(text: string): number {
  let line = 1;
  let inside = false;
  let openedAt = 1;
  for (const char of text) {
    if (char === "\n") line += 1;
    else if (char === '"') {
      inside = !inside;
      if (inside) openedAt = line;
    }
  }
  return openedAt;
}
