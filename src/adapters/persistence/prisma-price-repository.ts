import { PriceItemSchema, type PriceItem } from "../../core/domain/prices.js";
import type { PriceRepository } from "../../core/ports/store.js";
import type { PriceItem as PriceItemRow } from "../../generated/sqlite/client.js";
import { keyChunks } from "./key-chunks.js";
import type { RepositoryContext } from "./prisma-client.js";

/** Rows are parsed, not cast: a team or unit outside the closed lists is a broken row, not a price. */
const toPriceItem = (row: PriceItemRow): PriceItem =>
  PriceItemSchema.parse({
    code: row.code,
    team: row.team,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    pricingUnit: row.pricingUnit,
    priceFen: row.priceFen,
    onsitePricing: row.onsitePricing,
  });

const columns = (item: PriceItem) => ({
  team: item.team,
  nameZh: item.nameZh,
  nameEn: item.nameEn,
  pricingUnit: item.pricingUnit,
  priceFen: item.priceFen,
  onsitePricing: item.onsitePricing,
});

/** Price items by code. A standard is tens of items, not thousands: one statement per item is fine. */
export function prismaPriceRepository({ tx }: RepositoryContext): PriceRepository {
  return {
    async upsertMany(items) {
      const existing = new Set<string>();
      for (const codes of keyChunks(items.map((item) => item.code))) {
        for (const row of await tx.priceItem.findMany({ where: { code: { in: codes } }, select: { code: true } })) existing.add(row.code);
      }
      const results: { item: PriceItem; created: boolean }[] = [];
      for (const item of items) {
        if (existing.has(item.code)) await tx.priceItem.update({ where: { code: item.code }, data: columns(item) });
        else await tx.priceItem.create({ data: { code: item.code, ...columns(item) } });
        results.push({ item: { ...item }, created: !existing.has(item.code) });
      }
      return results;
    },
    async findByCode(code) {
      const row = await tx.priceItem.findUnique({ where: { code } });
      return row ? toPriceItem(row) : null;
    },
    async listByTeam(team) {
      const rows = await tx.priceItem.findMany({ where: { team } });
      // Sorted here, not by the database: PostgreSQL's collation and SQLite's byte order differ.
      return rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)).map(toPriceItem);
    },
  };
}
