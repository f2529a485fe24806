import { describe, expect, it } from "vitest";
import { issueReceipt } from "../../../src/core/case/machinery/receipts.js";
import { exportOrders } from "../../../src/core/kinds/service/use-cases/export-orders.js";
import { getServiceMonthSummary } from "../../../src/core/kinds/service/use-cases/get-service-month-summary.js";
import type { ServiceCase } from "../../../src/core/kinds/service/details.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { createFixture, unitRow } from "../../support/workflow-fixture.js";
import { storedService, storedWorkOrder } from "./package-fixture.js";

const line = (code: string, amountFen: number) => ({ code, nameZh: code, nameEn: code, quantity: 1, unitPriceFen: amountFen, amountFen });

async function receipt(ctx: WorkflowContext, subject: ServiceCase, amountFen: number, issuedAt: string, period: string | null = null, workOrderId: string | null = null) {
  return ctx.uow.transaction((store) =>
    issueReceipt(store, { caseId: subject.id, workOrderId, period, unitId: subject.unitId, payerId: subject.reporterId, lines: [line(subject.details.priceCode, amountFen)] }, new Date(issuedAt), ctx.timeZone),
  );
}

/**
 * December 2026: 王芳 of 3-1202 has a weekly package (four Mondays: two visits done, one
 * accepted, one cancelled; November's fee issued on 1 December, December's on 1 January);
 * 李强 of 12-0501 had a one-off hourly clean on 10 December, receipted the same day.
 */
async function december() {
  const fx = await createFixture({ units: [unitRow(), unitRow({ building: "12", unit: "0501", owner_name: "李强", phone: "+8613800000002" })] });
  const { ctx } = fx;
  const pack = await storedService(ctx, { building: "3", unit: "1202" });
  await storedWorkOrder(ctx, pack, 1, "2026-11-30T02:00:00Z", "accepted");
  await storedWorkOrder(ctx, pack, 2, "2026-12-07T02:00:00Z", "accepted");
  await storedWorkOrder(ctx, pack, 3, "2026-12-14T02:00:00Z", "done");
  await storedWorkOrder(ctx, pack, 4, "2026-12-21T02:00:00Z", "done");
  await storedWorkOrder(ctx, pack, 5, "2026-12-28T02:00:00Z", "cancelled");
  await storedWorkOrder(ctx, pack, 6, "2027-01-04T02:00:00Z", "scheduled");
  const oneOff = await storedService(ctx, { building: "12", unit: "0501" }, {
    number: "S-2026-000002",
    status: "awaiting_callback",
    details: { serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", isPackage: false, hours: 3, packageSchedule: null, agreedFen: 15000 },
  });
  const visit = await storedWorkOrder(ctx, oneOff, 1, "2026-12-10T06:00:00Z", "accepted");
  await receipt(ctx, pack, 16000, "2026-11-30T16:00:00Z", "2026-11");
  await receipt(ctx, oneOff, 15000, "2026-12-10T09:00:00Z", null, visit.id);
  await receipt(ctx, pack, 60000, "2026-12-31T16:00:00Z", "2026-12");
  return ctx;
}

describe("the service month per customer", () => {
  it("groups the month's work orders and the fees that belong to it per customer, with totals", async () => {
    const ctx = await december();

    const summary = await getServiceMonthSummary(ctx, "2026-12");

    expect(summary.totalFen).toBe(75000);
    expect(summary.customers.map((c) => [c.building, c.unit, c.residentName, c.totalFen])).toEqual([
      ["3", "1202", "王芳", 60000],
      ["12", "0501", "李强", 15000],
    ]);
    const [wang, li] = summary.customers;
    expect(wang?.orders).toEqual([
      {
        number: "S-2026-000001",
        serviceType: "cleaning_monthly",
        priceCode: "CL-MONTHLY",
        workOrders: [
          { number: "S-2026-000001-02", scheduledAt: new Date("2026-12-07T02:00:00Z"), status: "accepted" },
          { number: "S-2026-000001-03", scheduledAt: new Date("2026-12-14T02:00:00Z"), status: "done" },
          { number: "S-2026-000001-04", scheduledAt: new Date("2026-12-21T02:00:00Z"), status: "done" },
          { number: "S-2026-000001-05", scheduledAt: new Date("2026-12-28T02:00:00Z"), status: "cancelled" },
        ],
      },
    ]);
    // November's fee, issued on 1 December, is November's; December's, issued on 1 January, is December's.
    expect(wang?.receipts.map((r) => [r.number, r.amountFen])).toEqual([["RC-2027-000001", 60000]]);
    expect(li?.receipts.map((r) => [r.number, r.orderNumber, r.workOrderNumber, r.amountFen])).toEqual([["RC-2026-000002", "S-2026-000002", "S-2026-000002-01", 15000]]);
  });

  it("exports one row per work order and per receipt, times in the property's zone and amounts in yuan", async () => {
    const ctx = await december();

    const rows = await exportOrders(ctx, "2026-12");

    expect(rows.map((row) => [row.order_number, row.work_order_number, row.scheduled_at, row.status, row.receipt_number, row.amount])).toEqual([
      ["S-2026-000001", "S-2026-000001-02", "2026-12-07T10:00:00+08:00", "accepted", "", ""],
      ["S-2026-000001", "S-2026-000001-03", "2026-12-14T10:00:00+08:00", "done", "", ""],
      ["S-2026-000001", "S-2026-000001-04", "2026-12-21T10:00:00+08:00", "done", "", ""],
      ["S-2026-000001", "S-2026-000001-05", "2026-12-28T10:00:00+08:00", "cancelled", "", ""],
      ["S-2026-000001", "", "", "receipted", "RC-2027-000001", "600.00"],
      ["S-2026-000002", "S-2026-000002-01", "2026-12-10T14:00:00+08:00", "accepted", "", ""],
      ["S-2026-000002", "S-2026-000002-01", "", "receipted", "RC-2026-000002", "150.00"],
    ]);
    expect(rows[0]).toMatchObject({ customer_building: "3", customer_unit: "1202", customer_name: "王芳", service: "cleaning_monthly", price_code: "CL-MONTHLY" });
    expect(rows[6]).toMatchObject({ customer_building: "12", customer_name: "李强", service: "cleaning_hourly", price_code: "CL-HOURLY" });
  });

  it("refuses a month that does not exist", async () => {
    const { ctx } = await createFixture();
    await expect(getServiceMonthSummary(ctx, "2026-13")).rejects.toMatchObject({ code: "invalid_input" });
  });
});
