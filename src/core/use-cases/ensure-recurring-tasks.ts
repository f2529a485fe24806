import type { WorkflowContext } from "../ports/workflow-context.js";

/** The id of one occurrence of a task: two instances scheduling the same occurrence write one row. */
export function taskJobId(task: string, caseId: string | null, runAt: Date): string {
  return `task:${task}:${caseId ?? "-"}:${runAt.toISOString()}`;
}

export interface RecurringTaskInput {
  task: string;
  data?: Record<string, string | number>;
}

/**
 * Makes sure each recurring system task has its next occurrence queued (at start-up). The
 * occurrence instant comes from the task's calendar, so a restart finds the row already there.
 */
export async function ensureRecurringTasks(ctx: WorkflowContext, tasks: readonly RecurringTaskInput[]): Promise<number> {
  const now = ctx.time.now();
  let queued = 0;
  await ctx.uow.transaction(async (store) => {
    for (const { task, data } of tasks) {
      const definition = ctx.kinds.task(task);
      if (!definition?.next) throw new Error(`task ${task} is not a recurring task of this deployment`);
      const runAt = definition.next(now, ctx.timeZone);
      const payload = { type: "task" as const, task, caseId: null, data: data ?? {} };
      if (await store.jobs.enqueueOnce({ id: taskJobId(task, null, runAt), runAt, payload })) queued += 1;
    }
  });
  return queued;
}
