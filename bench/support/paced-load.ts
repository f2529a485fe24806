/**
 * An open-loop load generator on a thread of its own: each request leaves at its planned instant
 * whatever the earlier ones are doing (as Telegram and Slack send, not waiting for our answers),
 * and its latency is timed from the moment it left to the end of the response. On its own event
 * loop, so a product busy on the main thread neither delays the sending nor hides its own delay
 * in the measurement.
 */
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

export interface PlannedRequest {
  /** Milliseconds after the start of the run. */
  at: number;
  platform: "telegram" | "slack";
  /** What the request is, for the per-kind figures (`/start`, `claim`...). */
  label: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Sign the body as Slack does, with this secret, at the moment it leaves. */
  slackSigningSecret?: string;
}

export interface RequestResult {
  platform: PlannedRequest["platform"];
  label: string;
  /** How late it left against its plan (the generator's own lag), ms. */
  lateMs: number;
  latencyMs: number;
  /** HTTP status, or 0 when the request failed without one. */
  status: number;
}

/** Runs the plan and resolves with one result per request, in plan order. */
export function runPacedLoad(plan: readonly PlannedRequest[]): Promise<RequestResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(fileURLToPath(new URL("./paced-load-worker.mjs", import.meta.url)), { workerData: plan });
    worker.once("message", (results: RequestResult[]) => resolve(results));
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with ${code}`));
    });
  });
}
