/**
 * Generates prisma/postgresql/schema.prisma from the SQLite source prisma/schema.prisma.
 *
 * Why a script: a Prisma schema's `provider` cannot come from the environment, and we want one
 * model definition with two generated clients (same model API) and two migration folders.
 * Usage: `npm run db:schemas` (also run by `npm run db:generate` and `npm run db:migration`).
 */
import { readFile, writeFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const sqliteSchemaPath = path.join(root, "prisma", "schema.prisma");
export const postgresqlSchemaPath = path.join(root, "prisma", "postgresql", "schema.prisma");

const header =
  "// GENERATED from prisma/schema.prisma by scripts/db-schemas.ts - do not edit; run `npm run db:schemas`.\n";

/** The PostgreSQL twin of a SQLite source schema: provider, url and client output swapped, nothing else. */
export function postgresqlSchemaFrom(source: string): string {
  let out = source;
  out = replaceOnce(out, /provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  out = replaceOnce(out, /url\s*=\s*"file:[^"]*"/, 'url      = "postgresql://unused.invalid/see-prisma-config"');
  out = replaceOnce(out, /output\s*=\s*"\.\.\/src\/generated\/sqlite"/, 'output                 = "../../src/generated/postgresql"');
  return header + out;
}

function replaceOnce(text: string, pattern: RegExp, replacement: string): string {
  const matches = text.match(new RegExp(pattern.source, "g")) ?? [];
  if (matches.length !== 1) {
    throw new Error(`prisma/schema.prisma: expected exactly one match of ${pattern}, found ${matches.length}`);
  }
  return text.replace(pattern, replacement);
}

export async function writePostgresqlSchema(): Promise<string> {
  const text = postgresqlSchemaFrom(await readFile(sqliteSchemaPath, "utf8"));
  await mkdir(path.dirname(postgresqlSchemaPath), { recursive: true });
  await writeFile(postgresqlSchemaPath, text);
  return postgresqlSchemaPath;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const written = await writePostgresqlSchema();
  console.log(`wrote ${path.relative(root, written)}`);
}
