import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { buildProduct, npmStartCommand, projectRoot } from "../../scripts/build.js";

/** The product running in a process of its own, started as `npm start` starts it. */
export interface StartedProduct {
  url: string;
  pid: number;
  /** Peak (VmHWM) and current (VmRSS) resident memory of the process, in MB, read from /proc. */
  memory(): { peakMb: number; rssMb: number };
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Builds the product (as `prestart` does) and starts it with `env` alone; resolves once it
 * listens. Its output is passed on to this process's with `showOutput`, else dropped.
 */
export async function startAsNpmStart(env: Record<string, string>, options: { showOutput?: boolean; timeoutMs?: number } = {}): Promise<StartedProduct> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  await buildProduct();
  const { flags, entry } = npmStartCommand();
  const child = spawn(process.execPath, [...flags, entry], { cwd: projectRoot, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`the product did not say where it listens within ${timeoutMs / 1000} s`)), timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => {
      if (options.showOutput) process.stdout.write(chunk);
      out += chunk.toString("utf8");
      const listening = /front desk listening on (\S+)/.exec(out);
      if (listening?.[1]) {
        clearTimeout(timer);
        resolve(listening[1]);
      }
    });
    void exited.then((code) => reject(new Error(`the product exited (${code}) before listening: ${out.slice(-2000)}`)));
  });
  child.stdout.resume();
  const pid = child.pid as number;
  return {
    url,
    pid,
    memory() {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
      return { peakMb: kb("VmHWM") / 1024, rssMb: kb("VmRSS") / 1024 };
    },
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}
