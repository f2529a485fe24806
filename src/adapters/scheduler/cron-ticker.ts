import cron from "node-cron";
import type { Logger } from "pino";
import type { WorkflowContext } from "../../core/ports/workflow-context.js";
import { runDueWork, type DueWorkReport } from "../../core/use-cases/run-due-work.js";

/** How often the ticker runs: every minute. Health checks measure a stale scheduler against it. */
export const tickIntervalMs = 60_000;

export interface CronTickerOptions {
  /** node-cron expression; every minute by default ({@link tickIntervalMs}). */
  expression?: string;
  /** After each tick whose due work ran to the end (not after one that failed): what it did. */
  onTick?: (reports: readonly DueWorkReport[]) => void;
}

/**
 * node-cron only ticks: every minute it runs the work that is due in the database. Nothing is
 * scheduled in memory, so a restart, or several instances, lose and double nothing.
 */
export function startCronTicker(ctx: WorkflowContext, logger: Logger, options: CronTickerOptions = {}): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  let stopping = false;
  const task = cron.schedule(options.expression ?? "* * * * *", () => {
    running = running.then(async () => {
      if (stopping) return;
      try {
        const reports = await runDueWork(ctx, { shouldStop: () => stopping });
        for (const report of reports.filter((r) => r.outcome !== "skipped")) logger.info(report, "due work done");
        options.onTick?.(reports);
      } catch (error) {
        logger.error({ err: error }, "due work failed");
      }
    });
  });
  return {
    /** No tick starts after this; a running one ends after its current round of jobs. */
    async stop() {
      stopping = true;
      await task.stop();
      await running;
    },
  };
}
