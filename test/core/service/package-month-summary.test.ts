import { describe, expect, it } from "vitest";
import { endPackageByOwner } from "../../../src/core/kinds/service/package/owner-visit-steps.js";
import { acceptWork } from "../../../src/core/kinds/service/use-cases/accept-work.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { confirmServiceTime } from "../../../src/core/kinds/service/use-cases/confirm-service-time.js";
import { exportOrders } from "../../../src/core/kinds/service/use-cases/export-orders.js";
import { getServiceMonthSummary } from "../../../src/core/kinds/service/use-cases/get-service-month-summary.js";
import { proposeServiceTime } from "../../../src/core/kinds/service/use-cases/propose-service-time.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { unitRow, verifiedOwner } from "../../support/workflow-fixture.js";
import { acceptedPackage, tickAt } from "./package-steps.js";
import { booked } from "./service-steps.js";

const staff = "UCLEANL";

async function work(ctx: WorkflowContext, caseId: string, visitAt?: string) {
  const visit = visitAt ? { visitAt } : {};
  await startService(ctx, { caseId, staffUserId: staff, ...visit });
  await completeService(ctx, { caseId, staffUserId: staff, ...visit });
}

/**
 * December 2026, as the front desk lived it. 王芳 of 3-1202 has had a weekly package since 23
 * November: its visit of 30 November done (receipted at November's close on 1 December); in
 * December three Mondays done (one accepted) before she ended the package on the 25th, which
 * cancelled the last; December's fee is receipted at its close on 1 January. 李强 of 12-0501
 * had an hourly clean on 10 December, accepted and receipted the same day.
 */
async function december() {
  const units = [unitRow(), unitRow({ building: "12", unit: "0501", owner_name: "李强", phone: "+8613800000002" })];
  const { ctx, time, order: pack } = await acceptedPackage("2026-11-23T12:00:00+08:00", { units });
  await work(ctx, pack.id, "2026-11-30T02:00:00.000Z");
  await tickAt(ctx, time, "2026-12-01T00:00:00+08:00");
  await work(ctx, pack.id, "2026-12-07T02:00:00.000Z");
  await acceptWork(ctx, { ownerUserId: "7001", caseId: pack.id, visitAt: "2026-12-07T02:00:00.000Z" });
  await work(ctx, pack.id, "2026-12-14T02:00:00.000Z");

  time.set("2026-12-08T09:00:00+08:00");
  await verifiedOwner(ctx, "7002", "+8613800000002");
  const hourly = await booked(ctx, "hourly", { ownerUserId: "7002" });
  await proposeServiceTime(ctx, { caseId: hourly.id, staffUserId: staff, at: new Date("2026-12-10T14:00:00+08:00") });
  await confirmServiceTime(ctx, { ownerUserId: "7002", caseId: hourly.id, proposedAt: "2026-12-10T06:00:00.000Z" });
  time.set("2026-12-10T17:00:00+08:00");
  await work(ctx, hourly.id);
  await acceptWork(ctx, { ownerUserId: "7002", caseId: hourly.id });

  time.set("2026-12-21T12:00:00+08:00");
  await work(ctx, pack.id, "2026-12-21T02:00:00.000Z");
  time.set("2026-12-25T12:00:00+08:00");
  await endPackageByOwner(ctx, { ownerUserId: "7001", caseId: pack.id });
  await tickAt(ctx, time, "2027-01-01T00:00:00+08:00");
  return ctx;
}

describe("the service month per customer", () => {
  it("groups the month's work orders and the fees that belong to it per customer, with totals", async () => {
    const ctx = await december();

    const summary = await getServiceMonthSummary(ctx, "2026-12");

    // December's package fee: 3 of its 4 planned Mondays done, ¥880 × 3/4.
    expect(summary.totalFen).toBe(66_000 + 15_000);
    expect(summary.customers.map((c) => [c.building, c.unit, c.residentName, c.totalFen])).toEqual([
      ["3", "1202", "王芳", 66_000],
      ["12", "0501", "李强", 15_000],
    ]);
    const [wang, li] = summary.customers;
    expect(wang?.orders).toEqual([
      {
        number: "S-2026-000001",
        serviceType: "cleaning_monthly",
        priceCode: "CL-MONTHLY-WEEKLY",
        workOrders: [
          { number: "S-2026-000001-02", scheduledAt: new Date("2026-12-07T02:00:00Z"), status: "accepted" },
          { number: "S-2026-000001-03", scheduledAt: new Date("2026-12-14T02:00:00Z"), status: "done" },
          { number: "S-2026-000001-04", scheduledAt: new Date("2026-12-21T02:00:00Z"), status: "done" },
          { number: "S-2026-000001-05", scheduledAt: new Date("2026-12-28T02:00:00Z"), status: "cancelled" },
        ],
      },
    ]);
    // November's fee, issued on 1 December, is November's; December's, issued on 1 January, is December's.
    expect(wang?.receipts.map((r) => [r.number, r.amountFen])).toEqual([["RC-2027-000001", 66_000]]);
    expect(li?.orders.map((o) => [o.number, o.workOrders.map((w) => `${w.number} ${w.status}`)])).toEqual([["S-2026-000002", ["S-2026-000002-01 accepted"]]]);
    expect(li?.receipts.map((r) => [r.number, r.orderNumber, r.workOrderNumber, r.amountFen])).toEqual([["RC-2026-000002", "S-2026-000002", "S-2026-000002-01", 15_000]]);
    expect((await getServiceMonthSummary(ctx, "2026-11")).customers.map((c) => c.receipts.map((r) => [r.number, r.amountFen]))).toEqual([[["RC-2026-000001", 17_600]]]);
  });

  it("exports one row per work order and per receipt, times in the property's zone and amounts in yuan", async () => {
    const ctx = await december();

    const rows = await exportOrders(ctx, "2026-12");

    expect(rows.map((row) => [row.order_number, row.work_order_number, row.scheduled_at, row.status, row.receipt_number, row.amount])).toEqual([
      ["S-2026-000001", "S-2026-000001-02", "2026-12-07T10:00:00+08:00", "accepted", "", ""],
      ["S-2026-000001", "S-2026-000001-03", "2026-12-14T10:00:00+08:00", "done", "", ""],
      ["S-2026-000001", "S-2026-000001-04", "2026-12-21T10:00:00+08:00", "done", "", ""],
      ["S-2026-000001", "S-2026-000001-05", "2026-12-28T10:00:00+08:00", "cancelled", "", ""],
      ["S-2026-000001", "", "", "receipted", "RC-2027-000001", "660.00"],
      ["S-2026-000002", "S-2026-000002-01", "2026-12-10T14:00:00+08:00", "accepted", "", ""],
      ["S-2026-000002", "S-2026-000002-01", "", "receipted", "RC-2026-000002", "150.00"],
    ]);
    expect(rows[0]).toMatchObject({ customer_building: "3", customer_unit: "1202", customer_name: "王芳", service: "cleaning_monthly", price_code: "CL-MONTHLY-WEEKLY" });
    expect(rows[6]).toMatchObject({ customer_building: "12", customer_unit: "0501", customer_name: "李强", service: "cleaning_hourly", price_code: "CL-HOURLY" });
  });

  it("refuses a month that does not exist", async () => {
    const { ctx } = await acceptedPackage("2026-12-01T10:00:00+08:00");
    await expect(getServiceMonthSummary(ctx, "2026-13")).rejects.toMatchObject({ code: "invalid_input" });
  });
});
