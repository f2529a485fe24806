/**
 * Keys per `in (...)` list. Danger: Prisma 6.19's client (driver adapters) does not split a long
 * `in` list itself; past the bind-value limit it assumes for the database (999 on SQLite) the
 * query fails with P2029 before reaching it. Any `in` over a list that is not small by
 * construction goes through {@link keyChunks}.
 */
export const KEYS_PER_STATEMENT = 500;

/** `keys` in order, cut into runs of at most {@link KEYS_PER_STATEMENT}. */
export function keyChunks<T>(keys: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < keys.length; start += KEYS_PER_STATEMENT) chunks.push(keys.slice(start, start + KEYS_PER_STATEMENT));
  return chunks;
}
