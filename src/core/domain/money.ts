import { z } from "zod";

/**
 * Money is integer fen (分) everywhere inside the product; yuan with two decimals exist only at
 * the edges (CSV imports, receipts, messages). Never through floats: `0.1 + 0.2` is not `0.3`,
 * and `Math.round(19.99 * 100)` happens to work only until a price where it does not, so the
 * text is read digit by digit instead.
 */

/** Fen are whole and never negative: refunds and discounts, when they exist, are their own entries. */
export const FenSchema = z.number().int().nonnegative();
export type Fen = z.infer<typeof FenSchema>;

/** Digits of yuan, no sign, no exponent, no thousands separator, no leading zero, at most two decimals. */
const yuanPattern = /^(0|[1-9]\d{0,12})(?:\.(\d{1,2}))?$/;

/**
 * Reads a yuan amount as written in a file (`"12.5"`, `"0.05"`, `"180"`) into fen (`1250`, `5`,
 * `18000`), or null for anything else: more than two decimals (`"1.234"` is not a price, it is a
 * typo), a sign (`"-1"`), an exponent (`"1e3"`), an empty text, spaces, `"12."` or `".5"`.
 * At most 13 digits of yuan, so the result is always a safe integer.
 */
export function yuanToFen(text: string): Fen | null {
  const match = yuanPattern.exec(text);
  if (!match) return null;
  const [, whole = "", decimals = ""] = match;
  return Number(whole) * 100 + Number(decimals.padEnd(2, "0"));
}

/**
 * A CSV column of yuan, trimmed, as fen; `column` names it in the error so a bad row says which
 * of its columns to fix.
 */
export function yuanColumn(column: string) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => {
      const fen = yuanToFen(text);
      if (fen === null) {
        ctx.addIssue({ code: "custom", message: `${column} must be yuan with at most 2 decimals, such as 12.50 (got "${text}")` });
        return z.NEVER;
      }
      return fen;
    });
}

/** Fen as yuan with the sign and two decimals: `1250` is `"¥12.50"`, `5` is `"¥0.05"`. */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a whole number, got ${fen}`);
  const digits = String(Math.abs(fen)).padStart(3, "0");
  return `${fen < 0 ? "-" : ""}¥${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
