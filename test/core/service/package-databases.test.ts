import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import { monthCloseTask } from "../../../src/core/kinds/service/package/tasks.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { getServiceMonthSummary } from "../../../src/core/kinds/service/use-cases/get-service-month-summary.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import { ensureRecurringTasks } from "../../../src/core/use-cases/ensure-recurring-tasks.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { acceptedPackage, register, tickAt } from "./package-steps.js";

function packageAcrossTheYearEnd(kind: DatabaseKind) {
  let test: TestDatabase | null = null;
  afterEach(async () => {
    await test?.cleanup();
    test = null;
  });

  it("opens December's and January's visits on the 1st, numbered on, and receipts December once at its close", async () => {
    test = await openTestDatabase(kind);
    const { ctx, time, order } = await acceptedPackage("2026-11-20T15:00:00+08:00", { store: test.database.unitOfWork });
    await tickAt(ctx, time, "2026-12-01T00:00:00+08:00");
    for (const visitAt of ["2026-12-07T02:00:00.000Z", "2026-12-14T02:00:00.000Z", "2026-12-21T02:00:00.000Z"]) {
      await startService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt });
      await completeService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt });
    }

    const reports = await tickAt(ctx, time, "2027-01-01T00:00:00+08:00");
    // Start-up queues the month's tasks again: the occurrences exist, nothing is queued twice.
    expect(await ensureRecurringTasks(ctx, [{ task: "service.month_visits" }, { task: monthCloseTask }])).toBe(0);

    expect(reports.find((r) => r.task === monthCloseTask)?.detail).toBe("1 package receipts for 2026-12");
    expect((await register(ctx, order)).map((row) => row.split(" ")[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => `S-2026-000001-${String(n).padStart(2, "0")}`));
    const summary = await getServiceMonthSummary(ctx, "2026-12");
    expect(summary.customers.map((c) => [c.residentName, c.orders[0]?.workOrders.map((w) => w.status), c.receipts.map((r) => [r.number, r.amountFen])])).toEqual([
      ["王芳", ["done", "done", "done", "scheduled"], [["RC-2027-000001", 66_000]]],
    ]);
  });
}

describe("a package across the year end: SQLite", () => {
  packageAcrossTheYearEnd("sqlite");
});

describe.skipIf(!postgresTestUrl)(`a package across the year end: PostgreSQL${postgresTestUrl ? "" : ` SKIPPED: ${postgresSkipReason}`}`, () => {
  packageAcrossTheYearEnd("postgresql");
});
