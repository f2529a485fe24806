import { z } from "zod";
import { yuanColumn } from "../domain/money.js";
import { maxPriceFen, PriceCodeSchema, type PriceItem, priceTeams, pricingUnits } from "../domain/prices.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { type ImportResult, type NumberedRow, type UniqueKey, validateRows } from "./shared/import-rows.js";

export const PriceImportRowSchema = z
  .object({
    // Upper-cased first, so "mt-tap" in one file and "MT-TAP" in the next are the same item.
    code: z
      .string()
      .trim()
      .min(1, "code is empty")
      .transform((code) => code.toUpperCase())
      .pipe(PriceCodeSchema),
    team: z.enum(priceTeams, { message: `team must be one of ${priceTeams.join(", ")}` }),
    name_zh: z.string().trim().min(1, "name_zh is empty"),
    name_en: z.string().trim().min(1, "name_en is empty"),
    pricing_unit: z.enum(pricingUnits, { message: `pricing_unit must be one of ${pricingUnits.join(", ")}` }),
    price: yuanColumn("price").pipe(z.number().max(maxPriceFen, "price is more than ¥21,474,836.47")),
    onsite_pricing: z.enum(["yes", "no"], { message: "onsite_pricing must be yes or no" }).transform((answer) => answer === "yes"),
  })
  // A fixed price of nothing is a blank cell or a slip, not a free service: only an item priced
  // on site may go without a guide price.
  .refine((row) => row.price > 0 || row.onsite_pricing, { path: ["price"], message: "price is 0 but onsite_pricing is no; only an item priced on site may have no price" });
export type PriceImportRow = z.infer<typeof PriceImportRowSchema>;

export const priceImportHeader = ["code", "team", "name_zh", "name_en", "pricing_unit", "price", "onsite_pricing"] as const;

/** One row per code: a second one would silently replace the first's price. */
const priceRowKey: UniqueKey<PriceImportRow> = {
  key: (row) => row.code,
  describe: (row) => `price item ${row.code}`,
};

const toPriceItem = (row: PriceImportRow): PriceItem => ({
  code: row.code,
  team: row.team,
  nameZh: row.name_zh,
  nameEn: row.name_en,
  pricingUnit: row.pricing_unit,
  priceFen: row.price,
  onsitePricing: row.onsite_pricing,
});

/**
 * Imports the price standards of maintenance, cleaning and greening (one file may hold all
 * three); all-or-nothing like {@link importUnits}. Re-importing updates items by code, so a
 * revised standard changes its prices in place. An item the file no longer lists stays as it
 * was: quotes and work orders name items by code, and a standard that drops an item does not
 * unmake the orders priced from it.
 */
export async function importPrices(ctx: WorkflowContext, rows: NumberedRow[]): Promise<ImportResult> {
  const checked = validateRows(rows, PriceImportRowSchema, priceImportHeader, priceRowKey);
  if (!checked.ok) return checked;
  return ctx.uow.transaction(async (store) => {
    const stored = await store.prices.upsertMany(checked.rows.map(({ row }) => toPriceItem(row)));
    const created = stored.filter((entry) => entry.created).length;
    return { ok: true as const, created, updated: stored.length - created };
  });
}
