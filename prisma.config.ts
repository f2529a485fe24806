// The Prisma CLI (generate, migrate status/deploy, db push, migrate diff) for either database.
// The app never runs the CLI: it applies migrations itself (src/adapters/persistence/migrate.ts).
//
// Target: PRISMA_TARGET=sqlite|postgresql, else the scheme of DATABASE_URL, else SQLite at
// file:./data/frontdesk.db. Offline danger: without the two /dev/null paths below, Prisma 6.19
// tries to download native engines it does not use (we run the WASM query compiler and the JS
// schema engine through driver adapters) and fails without internet.
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/dev/null";
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/dev/null";

import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";
import { NameAsTextPool } from "./src/adapters/persistence/name-as-text-pool.js";

const url = process.env.DATABASE_URL ?? "file:./data/frontdesk.db";
const target = process.env.PRISMA_TARGET ?? (/^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite");
if (target !== "sqlite" && target !== "postgresql") {
  throw new Error(`PRISMA_TARGET must be sqlite or postgresql, not ${target}`);
}
const folder = target === "sqlite" ? "prisma" : path.join("prisma", "postgresql");

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(folder, "schema.prisma"),
  migrations: { path: path.join(folder, "migrations") },
  async adapter() {
    if (target === "sqlite") {
      const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      return new PrismaBetterSQLite3({ url: file });
    }
    // `?schema=` is Prisma's convention; DDL in migrations is unqualified, so it only lands in
    // that schema through the connection's search_path (PrismaPg's `schema` alone is not enough).
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema") ?? "public";
    parsed.searchParams.delete("schema");
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema)) throw new Error(`unsupported PostgreSQL schema name ${schema}`);
    const pool = new NameAsTextPool({ connectionString: parsed.toString(), options: `-c search_path=${schema}` });
    return new PrismaPg(pool, { schema });
  },
});
