import { writeFile } from "node:fs/promises";

/** A field quoted when it holds a separator, a quote or a line break (RFC 4180). */
function field(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * CSV text with a header of `columns` and one line per row, UTF-8 with a byte order mark: without
 * it, spreadsheet programs read the file in the system's legacy code page and Chinese names
 * come out garbled.
 */
export function csvText<C extends string>(columns: readonly C[], rows: readonly Record<C, string>[]): string {
  const lines = [columns.map(field).join(","), ...rows.map((row) => columns.map((column) => field(row[column])).join(","))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** Writes {@link csvText} to `file`. */
export async function writeCsv<C extends string>(file: string, columns: readonly C[], rows: readonly Record<C, string>[]): Promise<void> {
  await writeFile(file, csvText(columns, rows), "utf8");
}
