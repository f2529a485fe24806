import { DateTime } from "luxon";
import type { TaskDefinition } from "../case/kind.js";
import { previousMonth } from "../use-cases/build-monthly-report.js";
import { queueDigestOnce } from "./queue-digest.js";

export const monthlyReportTask = "report.monthly";
/** The digest the manager channel gets on the 1st (`staff.digest`, period: the month before, `2026-11`). */
export const monthlyReportDigest = "report.month";

/** The next 1st of a month at 09:00 in the property's zone after `after`: the manager's first morning. */
export function nextMonthlyReportRun(after: Date, timeZone: string): Date {
  const local = DateTime.fromJSDate(after, { zone: timeZone });
  let next = local.startOf("month").set({ hour: 9 });
  if (next <= local) next = next.plus({ months: 1 });
  return next.toJSDate();
}

/** On the 1st at 09:00 the month before is queued for the manager channel, once per month. */
export const monthlyReportTasks: Record<string, TaskDefinition> = {
  [monthlyReportTask]: {
    source: "PROCEDURES.md: 每月进行汇总、统计、剖析 (the month is summed up, counted and analysed), with callbacks at 100%",
    next: nextMonthlyReportRun,
    async run({ store, job, now, timeZone }) {
      const month = previousMonth(job.runAt, timeZone);
      if (!(await queueDigestOnce(store, { team: "manager", digest: monthlyReportDigest, period: month, now }))) return { skipped: `the report of ${month} was sent` };
      return { outcome: "digest_queued", detail: `monthly report of ${month}` };
    },
  },
};
