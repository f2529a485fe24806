import { describe, expect, it } from "vitest";
import type { Job } from "../../../src/core/case/job.js";
import { endPackage } from "../../../src/core/kinds/service/package/staff-visit-steps.js";
import { monthCloseTask } from "../../../src/core/kinds/service/package/tasks.js";
import { acceptWork } from "../../../src/core/kinds/service/use-cases/accept-work.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import { defaultWorkingHours } from "../../../src/core/domain/working-hours.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import type { ServiceCase } from "../../../src/core/kinds/service/details.js";
import { acceptedPackage, tickAt } from "./package-steps.js";
import { ownerNotices, payloadsOf } from "./service-steps.js";

const decemberMondays = ["2026-12-07T02:00:00.000Z", "2026-12-14T02:00:00.000Z", "2026-12-21T02:00:00.000Z", "2026-12-28T02:00:00.000Z"];

async function workVisit(ctx: WorkflowContext, order: ServiceCase, visitAt: string, accept: boolean) {
  await startService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt });
  await completeService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt });
  if (accept) await acceptWork(ctx, { ownerUserId: "7001", caseId: order.id, visitAt });
}

/** A weekly package accepted on 30 November; in December three of its four Mondays are done (two accepted), the last never started. */
async function threeOfFourDone() {
  const fixture = await acceptedPackage("2026-11-30T12:00:00+08:00");
  const { ctx, time, order } = fixture;
  await tickAt(ctx, time, "2026-12-01T00:00:00+08:00");
  await workVisit(ctx, order, decemberMondays[0]!, true);
  await workVisit(ctx, order, decemberMondays[1]!, true);
  await workVisit(ctx, order, decemberMondays[2]!, false);
  return fixture;
}

describe("a package's month close", () => {
  it("on the 1st at 00:00 receipts the month before pro rata of the visits done, tells the owner and opens the month's callback", async () => {
    const { ctx, time, memory, order } = await threeOfFourDone();

    const reports = await tickAt(ctx, time, "2027-01-01T00:00:00+08:00");

    expect(reports.find((r) => r.task === monthCloseTask)).toMatchObject({ outcome: "month_closed", detail: "1 package receipts for 2026-12" });
    const receipts = memory.snapshot().receipts;
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ number: "RC-2027-000001", caseId: order.id, period: "2026-12", amountFen: 66_000, workOrderId: null });
    expect(receipts[0]?.lines).toEqual([{ code: "CL-MONTHLY-WEEKLY", nameZh: "包月清洁（每周一次，每次3小时）", nameEn: "Monthly cleaning package (one 3-hour visit a week)", quantity: 0.75, unitPriceFen: 88_000, amountFen: 66_000 }]);
    expect(ownerNotices(memory).at(-1)).toMatchObject({ key: "receipt.package_month", params: { receipt: "RC-2027-000001", month: "2026-12", total: "¥660.00" } });
    const callbacks = memory.snapshot().callbacks.filter((c) => c.caseId === order.id);
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]).toMatchObject({ status: "scheduled", dueAt: new Date("2027-01-02T16:00:00Z") });
    // Each close queues its month's digest for the front desk: November's on 1 December, December's now.
    expect(payloadsOf(memory, "staff.digest").map((d) => `${d.team} ${d.digest} ${d.period}`)).toEqual(["frontdesk service.month 2026-11", "frontdesk service.month 2026-12"]);
    // November's month had no visit done: no receipt for it.
    expect(receipts.some((r) => r.period === "2026-11")).toBe(false);
  });

  it("a full month fully done pays the full monthly fee", async () => {
    const { ctx, time, memory, order } = await threeOfFourDone();
    await workVisit(ctx, order, decemberMondays[3]!, false);

    await tickAt(ctx, time, "2027-01-01T00:00:00+08:00");

    expect(memory.snapshot().receipts.map((r) => r.amountFen)).toEqual([88_000]);
  });

  it("run again for the same month, issues no second receipt and queues no second digest", async () => {
    const { ctx, time, memory } = await threeOfFourDone();
    await tickAt(ctx, time, "2027-01-01T00:00:00+08:00");

    const task = ctx.kinds.task(monthCloseTask)!;
    const job = memory.snapshot().jobs.find((j) => j.payload.type === "task" && j.payload.task === monthCloseTask && j.runAt.toISOString() === "2026-12-31T16:00:00.000Z") as Job;
    const again = await ctx.uow.transaction((store) => task.run({ store, job, subject: null, data: {}, now: time.now(), timeZone: ctx.timeZone, workingHours: defaultWorkingHours }));

    expect(again).toEqual({ outcome: "month_closed", detail: "0 package receipts for 2026-12" });
    expect(memory.snapshot().receipts).toHaveLength(1);
    expect(payloadsOf(memory, "staff.digest").filter((d) => d.period === "2026-12")).toHaveLength(1);
  });

  it("a package ended in the month is still receipted for the visits done before it ended", async () => {
    const { ctx, time, memory, order } = await threeOfFourDone();
    await endPackage(ctx, { caseId: order.id, staffUserId: "UCLEANL" });

    await tickAt(ctx, time, "2027-01-01T00:00:00+08:00");

    expect(memory.snapshot().receipts.map((r) => [r.period, r.amountFen])).toEqual([["2026-12", 66_000]]);
  });
});
