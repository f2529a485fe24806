import cron from "node-cron";
import type { Logger } from "pino";
import type { WorkflowContext } from "../../core/ports/workflow-context.js";
import { runDueWork } from "../../core/use-cases/run-due-work.js";

/**
 * node-cron only ticks: every minute it runs the work that is due in the database. Nothing is
 * scheduled in memory, so a restart, or several instances, lose and double nothing.
 */
export function startCronTicker(ctx: WorkflowContext, logger: Logger, expression = "* * * * *"): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve();
  const task = cron.schedule(expression, () => {
    running = running.then(async () => {
      try {
        const reports = await runDueWork(ctx);
        for (const report of reports.filter((r) => r.outcome !== "skipped")) logger.info(report, "due work done");
      } catch (error) {
        logger.error({ err: error }, "due work failed");
      }
    });
  });
  return {
    async stop() {
      await task.stop();
      await running;
    },
  };
}
