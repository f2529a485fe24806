import type { CaseKind, TaskDefinition, TaskInput, WorkOutcome } from "../../../case/kind.js";
import { newId } from "../../../ports/workflow-context.js";
import type { Store } from "../../../ports/store.js";
import type { ServiceCase } from "../details.js";
import { noticeServiceOwner } from "../service-steps.js";
import { announceVisitTask, generatePackageVisits } from "./generate-visits.js";
import { closePackageMonth, mayOweMonth, serviceMonthDigest } from "./month-close.js";
import { monthOf, nextMonthStart, previousMonth } from "./schedule.js";
import { announcementButtons } from "./visit-buttons.js";

export const monthVisitsTask = "service.month_visits";
export const monthCloseTask = "service.month_close";

const pageSize = 100;

/** Every service order in `statuses`, a page at a time: a recurring task's walk over all packages. */
async function forEachService(store: Store, statuses: readonly string[], visit: (subject: ServiceCase) => Promise<void>): Promise<void> {
  let afterId: string | undefined;
  for (;;) {
    const page = await store.cases.listByKindAndStatus("service", statuses, pageSize, afterId);
    for (const subject of page) await visit(subject as ServiceCase);
    if (page.length < pageSize) return;
    afterId = page[page.length - 1]?.id;
  }
}

/** The visit's announcement still stands: its work order is scheduled at the announced instant. */
async function announceVisit({ store, subject: found, data, now }: TaskInput): Promise<WorkOutcome> {
  const subject = found as ServiceCase | null;
  const order = typeof data.workOrderId === "string" ? await store.workOrders.findById(data.workOrderId) : null;
  if (!subject || !order || order.caseId !== subject.id) return { skipped: "the visit no longer exists" };
  if (subject.status !== "active") return { skipped: `package ${subject.number} is ${subject.status}` };
  if (order.status !== "scheduled" || order.scheduledAt.toISOString() !== data.scheduledAt) return { skipped: `visit ${order.number} is no longer scheduled at ${String(data.scheduledAt)}` };
  const visitAt = order.scheduledAt.toISOString();
  await noticeServiceOwner(store, subject, now, "service.visit_announced", { workOrder: order.number, visitAt: { instant: visitAt } }, announcementButtons(subject.id, order.scheduledAt));
  return { outcome: "visit_announced", detail: `visit ${order.number} announced to the owner` };
}

/**
 * The monthly packages' recurring work and each visit's announcement. `kind` is the service
 * kind, given late: the kind lists these tasks itself.
 */
export function packageTasks(kind: () => CaseKind): Record<string, TaskDefinition> {
  return {
    [monthVisitsTask]: {
      source: "PROCEDURES.md §4: a monthly package's visits are generated every month, on the 1st at 00:00 in the property's zone",
      next: nextMonthStart,
      async run({ store, job, now, timeZone }) {
        // The month the run was due in, not the wall clock's: a late run still makes that month's visits.
        const month = monthOf(job.runAt, timeZone);
        let opened = 0;
        let packages = 0;
        await forEachService(store, ["active"], async (subject) => {
          const created = await generatePackageVisits(store, kind(), subject, month, {}, now, timeZone);
          opened += created.length;
          if (created.length > 0) packages += 1;
        });
        return { outcome: "visits_generated", detail: `${opened} work orders of ${month} for ${packages} packages` };
      },
    },
    [monthCloseTask]: {
      source: "PROCEDURES.md §4: at month end each package's visits done are receipted once, and the front desk gets the month's orders per customer",
      next: nextMonthStart,
      async run({ store, job, now, timeZone, workingHours }) {
        const month = previousMonth(monthOf(job.runAt, timeZone), timeZone);
        let receipts = 0;
        await forEachService(store, ["active", "ended"], async (subject) => {
          if (!mayOweMonth(subject, month, timeZone)) return;
          if (await closePackageMonth(store, kind(), subject, month, now, { timeZone, workingHours })) receipts += 1;
        });
        const digestKey = `digest:${serviceMonthDigest}:${month}`;
        if (!(await store.keyValues.get(digestKey))) {
          await store.keyValues.set(digestKey, now.toISOString());
          await store.outbox.enqueue({ id: newId(), createdAt: now, payload: { type: "staff.digest", team: "frontdesk", digest: serviceMonthDigest, period: month } });
        }
        return { outcome: "month_closed", detail: `${receipts} package receipts for ${month}` };
      },
    },
    [announceVisitTask]: {
      source: "PROCEDURES.md §4: each visit of a package is announced to the owner the day before, who may propose another time",
      run: announceVisit,
    },
  };
}
