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
  /** This process's lease holder id, written on its job claims (see `runDueWork`). */
  leaseOwner?: string;
}

export interface CronTicker {
  /** Runs due work now, after any run in progress (a dead instance's jobs were released). */
  runNow(): void;
  stop(): Promise<void>;
}

/**
 * node-cron only ticks: every minute it runs the work that is due in the database. Nothing is
 * scheduled in memory, so a restart, or several instances, lose and double nothing.
 */
export function startCronTicker(ctx: WorkflowContext, logger: Logger, options: CronTickerOptions = {}): CronTicker {
  let running: Promise<void> = Promise.resolve();
  let queued = false;
  let stopped = false;
  const tick = () => {
    // Ticks that fall due while one runs make one more run, not a queue of them.
    if (queued) return;
    queued = true;
    running = running.then(async () => {
      queued = false;
      if (stopped) return;
      try {
        const reports = await runDueWork(ctx, { ...(options.leaseOwner ? { leaseOwner: options.leaseOwner } : {}), shouldStop: () => stopped });
        for (const report of reports.filter((r) => r.outcome !== "skipped")) logger.info(report, "due work done");
        options.onTick?.(reports);
      } catch (error) {
        logger.error({ err: error }, "due work failed");
      }
    });
  };
  const task = cron.schedule(options.expression ?? "* * * * *", tick);
  return {
    runNow() {
      if (!stopped) tick();
    },
    /** No tick starts after this; a running one ends after its current round of jobs. */
    async stop() {
      stopped = true;
      await task.stop();
      await running;
    },
  };
}
