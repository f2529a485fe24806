import { DateTime } from "luxon";
import type { TaskDefinition } from "../case/kind.js";

/** How long delivered messages, finished jobs and handled update ids are kept. */
export interface Retention {
  /** Sent outbox rows and finished jobs (the audit trail is the case history, kept for ever). */
  days: number;
  /** Incoming update ids: platforms redeliver within minutes, never after a day. */
  updateIdHours: number;
}

export const defaultRetention: Retention = { days: 90, updateIdHours: 24 };

export const pruneTaskId = "system.prune";

/** Rows deleted per statement: each delete is short, so SQLite's one writer is never held long. */
const pruneBatch = 5_000;

/** The next 04:00 in the property's zone after `after`: the quietest hour for housekeeping. */
export function nextPruneRun(after: Date, timeZone: string): Date {
  const local = DateTime.fromJSDate(after, { zone: timeZone });
  let next = local.set({ hour: 4, minute: 0, second: 0, millisecond: 0 });
  if (next <= local) next = next.plus({ days: 1 });
  return next.toJSDate();
}

async function drain(prune: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await prune(pruneBatch);
    total += deleted;
    if (deleted < pruneBatch) return total;
  }
}

/**
 * The system's own recurring work, run by the same jobs as the kinds' tasks. The retention comes
 * from the deployment's configuration when the registry is built, not from the job row, so a
 * changed `RETENTION_DAYS` applies at the next run.
 */
export function systemTasks(retention: Retention = defaultRetention): Record<string, TaskDefinition> {
  return {
    [pruneTaskId]: {
      source: "DESIGN.md, Durable work: sent messages, finished jobs and processed update ids are pruned after a retention period",
      next: nextPruneRun,
      async run({ store, now }) {
        const before = new Date(now.getTime() - retention.days * 86_400_000);
        const updatesBefore = new Date(now.getTime() - retention.updateIdHours * 3_600_000);
        const sent = await drain((limit) => store.outbox.pruneSent(before, limit));
        const jobs = await drain((limit) => store.jobs.pruneFinished(before, limit));
        const updates = await drain((limit) => store.inbox.prune(updatesBefore, limit));
        return { outcome: "pruned", detail: `${sent} sent messages, ${jobs} finished jobs, ${updates} update ids` };
      },
    },
  };
}
