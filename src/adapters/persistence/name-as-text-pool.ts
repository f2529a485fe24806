import pg from "pg";

const NAME_OID = 19;
const TEXT_OID = 25;

/**
 * A `pg.Pool` whose results report PostgreSQL `name` columns (catalog identifiers such as
 * `current_schema()` or `pg_tables.tablename`) as `text`.
 *
 * Why: `@prisma/adapter-pg` 6.19 cannot map type oid 19 and fails with "Column type 'name'
 * could not be deserialized" (prisma/orm#27403), which breaks `prisma migrate` and any raw query
 * touching the catalog. The values are already strings; only the reported type is rewritten.
 * Every connection of the pool is patched when it connects, so both `pool.query` and the
 * dedicated connections Prisma takes for transactions are covered.
 */
export class NameAsTextPool extends pg.Pool {
  constructor(config?: pg.PoolConfig) {
    super(config);
    this.on("connect", (client) => patchQuery(client));
  }
}

interface FieldsCarrier {
  fields?: Array<{ dataTypeID: number }>;
}

function textifyNames<T>(result: T): T {
  const results: unknown[] = Array.isArray(result) ? result : [result];
  for (const one of results) {
    const fields = (one as FieldsCarrier | null)?.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields) if (field.dataTypeID === NAME_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}

type AnyQuery = (...args: unknown[]) => unknown;

function patchQuery(client: pg.PoolClient): void {
  const original = client.query.bind(client) as AnyQuery;
  const patched: AnyQuery = (...args) => {
    const last = args.at(-1);
    if (typeof last === "function") {
      const callback = last as (error: Error | null, result: unknown) => void;
      args[args.length - 1] = (error: Error | null, result: unknown) => callback(error, error ? result : textifyNames(result));
      return original(...args);
    }
    const out = original(...args);
    return out instanceof Promise ? out.then(textifyNames) : out;
  };
  (client as unknown as { query: AnyQuery }).query = patched;
}
