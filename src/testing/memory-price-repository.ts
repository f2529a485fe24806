import type { PriceRepository } from "../core/ports/store.js";
import { cmp, copy, findCopy, type MemoryTables } from "./memory-tables.js";

/** The in-memory price standards over the tables of one transaction: items by code. */
export function memoryPriceRepository(t: MemoryTables): PriceRepository {
  return {
    async upsertMany(items) {
      return items.map((item) => {
        const created = !t.prices.has(item.code);
        t.prices.set(item.code, copy(item));
        return { item: copy(item), created };
      });
    },
    findByCode: async (code) => findCopy(t.prices, code),
    async listByTeam(team) {
      return [...t.prices.values()].filter((item) => item.team === team).sort((a, b) => cmp(a.code, b.code)).map(copy);
    },
  };
}
