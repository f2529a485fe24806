import { DateTime } from "luxon";
import type { CaseKind } from "../../../case/kind.js";
import { recordEvent, refreshCard } from "../../../case/machinery/changes.js";
import type { WorkOrder } from "../../../domain/work-orders.js";
import type { Store } from "../../../ports/store.js";
import { taskJobId } from "../../../use-cases/ensure-recurring-tasks.js";
import type { ServiceCase } from "../details.js";
import { newWorkOrder } from "../service-steps.js";
import { visitsInMonth } from "./schedule.js";

/** The task that tells the owner about a visit the day before. */
export const announceVisitTask = "service.announce_visit";

/** Visits are announced the day before at this local time. */
const announceAt = { hour: 10, minute: 0 };

/** When a visit is announced: 10:00 local the day before, or at once when that has passed. */
export function announcementAt(scheduledAt: Date, now: Date, timeZone: string): Date {
  const dayBefore = DateTime.fromJSDate(scheduledAt, { zone: timeZone }).minus({ days: 1 }).set({ ...announceAt, second: 0, millisecond: 0 }).toJSDate();
  return dayBefore > now ? dayBefore : now;
}

const generatedEvent = "visits_generated";

/** How many visits of `month` the package's generations opened (its history says; moves do not change it). */
async function visitsOpenedFor(store: Store, caseId: string, month: string): Promise<number> {
  const events = await store.cases.listEvents(caseId);
  return events
    .filter((event) => event.type === generatedEvent && event.data.month === month)
    .reduce((count, event) => count + (Array.isArray(event.data.workOrders) ? event.data.workOrders.length : 0), 0);
}

/**
 * Opens the work orders of a package's visits in a local month, numbered on from the package's
 * previous visits in time order, and queues each one's announcement to the owner.
 *
 * A month's visits are generated as its tail: all of them on the 1st, or those after the
 * acceptance when the package starts mid-month. So the visits already opened for the month (as
 * the package's history records each generation) are its last ones, whatever time, or month,
 * they were moved to since: only the visits before them are still to open. A second run
 * therefore opens nothing, even after the owner moved a visit (its original instant has no work
 * order any more); `createOnce` guards the same instant against a concurrent run.
 */
export async function generatePackageVisits(
  store: Store,
  kind: CaseKind,
  subject: ServiceCase,
  month: string,
  options: { after?: Date },
  now: Date,
  timeZone: string,
): Promise<WorkOrder[]> {
  const schedule = subject.details.packageSchedule;
  if (!subject.details.isPackage || !schedule) return [];
  const slots = visitsInMonth(schedule, month, timeZone);
  const alreadyOpen = await visitsOpenedFor(store, subject.id, month);
  const due = slots.slice(0, Math.max(0, slots.length - alreadyOpen)).filter((at) => options.after === undefined || at > options.after);
  const created: WorkOrder[] = [];
  let sequence = await store.workOrders.maxSequence(subject.id);
  for (const scheduledAt of due) {
    const order = newWorkOrder(subject, sequence + 1, scheduledAt, now, timeZone);
    if (!(await store.workOrders.createOnce(order))) continue;
    sequence += 1;
    created.push(order);
    const runAt = announcementAt(scheduledAt, now, timeZone);
    await store.jobs.enqueueOnce({
      id: taskJobId(announceVisitTask, order.id, scheduledAt),
      runAt,
      payload: { type: "task", task: announceVisitTask, caseId: subject.id, data: { workOrderId: order.id, scheduledAt: scheduledAt.toISOString() } },
    });
  }
  if (created.length > 0) {
    await recordEvent(store, subject, { type: generatedEvent, actor: { type: "system" }, at: now, data: { month, workOrders: created.map((order) => order.number) } });
    await refreshCard(store, kind, subject, now);
  }
  return created;
}
