/**
 * Compiles the product to plain JavaScript for `npm start`: `npm run build`.
 *
 * Why: under `tsx` every module is transformed when it loads, through a loader thread of its
 * own, and the process carries that thread and the transformed sources for its whole life (about
 * 50 MB of resident memory on this product). The long-running server starts from `build/`
 * instead; the command line, the tests and the benches keep running the sources under `tsx`.
 *
 * Each file of `src/` is transpiled on its own (no bundle, no type check: `npm run typecheck`
 * does that) into the same place under the output folder, and the playground's static files are
 * copied beside. The output folder sits beside `src/` at the project root, so the paths the
 * modules compute from their own location (locales, migrations, samples) land where they do from
 * the sources.
 */
import { readFileSync } from "node:fs";
import { cp, rm } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const defaultBuildDir = path.join(projectRoot, "build");

/**
 * Builds `src/` into `outDir` (a folder directly under the project root: see above), emptied
 * first. Returns the number of modules written.
 */
export async function buildProduct(outDir: string = defaultBuildDir): Promise<number> {
  const target = path.resolve(outDir);
  if (path.dirname(target) !== projectRoot || target === path.join(projectRoot, "src")) {
    throw new Error(`the build goes into a folder of its own directly under ${projectRoot}, not ${target}`);
  }
  await rm(target, { recursive: true, force: true });
  const result = await build({
    entryPoints: [path.join(projectRoot, "src/**/*.ts")],
    outbase: path.join(projectRoot, "src"),
    outdir: target,
    platform: "node",
    format: "esm",
    target: "node20",
    bundle: false,
    logLevel: "warning",
    metafile: true,
  });
  await cp(path.join(projectRoot, "src/playground/public"), path.join(target, "playground/public"), { recursive: true });
  return Object.keys(result.metafile.outputs).length;
}

/**
 * The command of `npm start`, read from package.json so that a bench runs what the README's
 * quick start runs: `node`, the V8 flags, the entry in `build/`.
 */
export function npmStartCommand(): { flags: string[]; entry: string } {
  const packageJson = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> };
  const words = (packageJson.scripts.start ?? "").split(/\s+/).filter(Boolean);
  const entry = words.at(-1);
  if (words[0] !== "node" || entry === undefined || !entry.endsWith(".js")) throw new Error(`npm start is no longer "node [flags] entry.js": ${packageJson.scripts.start}`);
  return { flags: words.slice(1, -1), entry: path.join(projectRoot, entry) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const modules = await buildProduct(process.argv[2] ? path.resolve(process.argv[2]) : defaultBuildDir);
  console.log(`built ${modules} modules into ${path.relative(process.cwd(), process.argv[2] ?? defaultBuildDir) || "."} in ${Date.now() - started} ms`);
}
