import { z } from "zod";
import { type ChargeLine, ChargeLineSchema } from "../../core/domain/receipts.js";
import { parseJson } from "./prisma-client.js";

const ChargeLinesSchema = z.array(ChargeLineSchema);

/** Charge lines (a quote, a paid repair's items, a receipt) as the JSON text of their column. */
export function chargeLinesJson(lines: readonly ChargeLine[]): string {
  return JSON.stringify(ChargeLinesSchema.parse(lines));
}

/** Reads a charge lines column, each line checked against the domain's schema. */
export function parseChargeLines(text: string, column: string): ChargeLine[] {
  return ChargeLinesSchema.parse(parseJson(text, column));
}
