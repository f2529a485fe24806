import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import { parseCsv } from "../../../src/app/read-csv.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { rescheduleService } from "../../../src/core/kinds/service/use-cases/reschedule-service.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import { importPrices } from "../../../src/core/use-cases/import-prices.js";
import { importStaff } from "../../../src/core/use-cases/import-staff.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { createFixture, verifiedOwner } from "../../support/workflow-fixture.js";
import { booked, scheduledAt } from "../../core/service/service-steps.js";

/** A one-off order's whole way on a real database, through the core's use cases as the adapters call them. */
function oneOffSuite(kind: DatabaseKind) {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  it("an hourly clean booked, timed, moved and confirmed again at the first time, worked and accepted: one work order reopened, one receipt", async () => {
    test = await openTestDatabase(kind);
    const { ctx, time } = await createFixture({ store: test.database.unitOfWork, at: "2026-12-01T10:00:00+08:00" });
    const staff = await importStaff(ctx, [{ line: 2, values: { slack_user_id: "UCLEANL", name: "Zhou Jing", team: "cleaning", role: "leader" } }]);
    const prices = await importPrices(ctx, parseCsv(readFileSync("samples/prices.csv", "utf8")));
    if (!staff.ok || !prices.ok) throw new Error("the fixture's staff or prices did not import");
    await verifiedOwner(ctx);

    const order = await booked(ctx, "hourly");
    await scheduledAt(ctx, order, "2026-12-03T14:00:00+08:00");
    await rescheduleService(ctx, { ownerUserId: "7001", caseId: order.id, wish: "Actually the first time was fine" });
    // The same instant again: the insert finds the voided work order and the transaction goes on to reopen it.
    await scheduledAt(ctx, order, "2026-12-03T14:00:00+08:00");
    time.set("2026-12-03T14:00:00+08:00");
    await startService(ctx, { caseId: order.id, staffUserId: "UCLEANL" });
    time.set("2026-12-03T17:00:00+08:00");
    await completeService(ctx, { caseId: order.id, staffUserId: "UCLEANL" });
    time.set("2026-12-03T18:30:00+08:00");
    await ctx.kinds.ownerAction("service", "work.accept")!.perform!(ctx, { ownerUserId: "7001", caseId: order.id });

    const stored = await ctx.uow.transaction(async (store) => ({
      order: await store.cases.findById(order.id),
      workOrders: await store.workOrders.listByCase(order.id),
      december: await store.workOrders.listByMonth("2026-12", ["accepted"]),
      receipts: await store.receipts.listIssuedBetween(new Date("2026-12-01T00:00:00+08:00"), new Date("2027-01-01T00:00:00+08:00")),
      active: await store.cases.listByKindAndStatus("service", ["awaiting_callback"], 10),
    }));
    expect(stored.order).toMatchObject({ status: "awaiting_callback", details: { serviceType: "cleaning_hourly", hours: 3, agreedFen: 15_000, acceptedAt: new Date("2026-12-03T18:30:00+08:00") } });
    expect(stored.workOrders.map((wo) => [wo.number, wo.status, wo.month, wo.scheduledAt.toISOString()])).toEqual([[`${order.number}-01`, "accepted", "2026-12", "2026-12-03T06:00:00.000Z"]]);
    expect(stored.december.map((wo) => wo.number)).toEqual([`${order.number}-01`]);
    expect(stored.receipts).toEqual([
      {
        id: expect.any(String),
        number: "RC-2026-000001",
        caseId: order.id,
        workOrderId: stored.workOrders[0]?.id,
        period: null,
        unitId: order.unitId,
        payerId: order.reporterId,
        lines: [{ code: "CL-HOURLY", nameZh: "钟点清洁", nameEn: "Hourly cleaning", quantity: 3, unitPriceFen: 5_000, amountFen: 15_000 }],
        amountFen: 15_000,
        issuedAt: new Date("2026-12-03T18:30:00+08:00"),
      },
    ]);
    expect(stored.active.map((c) => c.number)).toEqual([order.number]);
  });
}

describe("a service order on SQLite", () => oneOffSuite("sqlite"));

describe.skipIf(!postgresTestUrl)(postgresTestUrl ? "a service order on PostgreSQL" : `a service order on PostgreSQL SKIPPED: ${postgresSkipReason}`, () => oneOffSuite("postgresql"));
