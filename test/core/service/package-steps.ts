import type { PackageSchedule, ServiceCase } from "../../../src/core/kinds/service/details.js";
import { monthCloseTask, monthVisitsTask } from "../../../src/core/kinds/service/package/tasks.js";
import { answerQuote } from "../../../src/core/kinds/service/use-cases/answer-quote.js";
import { quoteService } from "../../../src/core/kinds/service/use-cases/quote-service.js";
import type { UnitOfWork } from "../../../src/core/ports/store.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { ensureRecurringTasks } from "../../../src/core/use-cases/ensure-recurring-tasks.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import type { ManualTime } from "../../support/workflow-fixture.js";
import { booked, createServiceFixture, workOrdersOf } from "./service-steps.js";

/** Every Monday at 10:00 local. */
export const weeklyOnMondays: PackageSchedule = { weekdays: [1], time: "10:00", weeksOfMonth: null };

/**
 * The service fixture at `at` with the monthly package tasks queued (as at start-up), and owner
 * 7001's weekly cleaning package at ¥880 a month quoted and accepted then.
 */
export async function acceptedPackage(at: string, options: { schedule?: PackageSchedule; units?: Record<string, string>[]; store?: UnitOfWork } = {}) {
  const { schedule = weeklyOnMondays, ...fixtureOptions } = options;
  const fixture = await createServiceFixture(at, fixtureOptions);
  const { ctx } = fixture;
  await ensureRecurringTasks(ctx, [{ task: monthVisitsTask }, { task: monthCloseTask }]);
  const order = await booked(ctx, "monthly");
  await quoteService(ctx, { caseId: order.id, staffUserId: "UCLEANL", lines: [{ code: "CL-MONTHLY-WEEKLY", quantity: 1 }], schedule });
  const active = await answerQuote(ctx, { ownerUserId: "7001", caseId: order.id, answer: "accepted" });
  return { ...fixture, order: active };
}

/** Moves the clock to `at` (an instant with its offset) and runs everything due then, as `tick --at` does. */
export async function tickAt(ctx: WorkflowContext, time: ManualTime, at: string) {
  time.set(at);
  return runDueWork(ctx);
}

/** The package's work orders as `number status local-instant`. */
export async function register(ctx: WorkflowContext, order: ServiceCase): Promise<string[]> {
  return (await workOrdersOf(ctx, order.id)).map((o) => `${o.number} ${o.status} ${o.scheduledAt.toISOString()}`);
}
