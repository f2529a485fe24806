import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildProduct, defaultBuildDir, npmStartCommand, projectRoot } from "../../scripts/build.js";

/**
 * `npm start` runs the compiled product with the V8 flags of its script. This builds it into a
 * folder of its own (not `build/`, which a running product may be using) and starts it there
 * exactly as the script would: the playground on a fresh SQLite file.
 */
describe("the product as npm start runs it", () => {
  const outDir = path.join(projectRoot, `build-test-${process.pid}`);
  const dataDir = mkdtempSync(path.join(tmpdir(), "frontdesk-built-"));

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts from the build, serves the playground and its health check, and exits 0 on SIGTERM", async () => {
    const modules = await buildProduct(outDir);
    expect(modules).toBeGreaterThan(100);
    const { flags, entry } = npmStartCommand();
    expect(flags).toEqual(expect.arrayContaining([expect.stringMatching(/^--max-old-space-size=\d+$/)]));

    const child = spawn(process.execPath, [...flags, path.join(outDir, path.relative(defaultBuildDir, entry))], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? "", DATABASE_URL: `file:${dataDir}/playground.db`, PORT: "0", LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    let output = "";
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString("utf8");
        const open = /open (http:\/\/\S+?)\/ to play/.exec(output);
        if (open?.[1]) resolve(open[1]);
      });
      void exited.then((code) => reject(new Error(`exited ${code} before listening:\n${output}`)));
    });

    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<html");
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).not.toMatch(/"level":(50|60)/);
  }, 60_000);
});
