import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
import { buildMonthlyReport } from "../../../src/core/use-cases/build-monthly-report.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { recordCallback } from "../../../src/core/use-cases/record-callback.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { createFixture, reportedRepair } from "../../support/workflow-fixture.js";
import { finishAt, openCallbackOf } from "../../core/repair/repair-steps.js";

/** Repairs taken through the real use cases on a real database, then the month's report read back. */
function useCaseSuite(kind: DatabaseKind) {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  it("December: two repairs finished and one called back is 50% coverage; January: the one finished and called back is 100%", async () => {
    test = await openTestDatabase(kind);
    const { ctx, time } = await createFixture({ store: test.database.unitOfWork, at: "2026-12-01T10:00:00+08:00" });
    const report = (month: string) => buildMonthlyReport({ reports: test!.database.reports, timeZone: ctx.timeZone, kinds: ctx.kinds }, month);

    const called = await reportedRepair(ctx);
    time.set("2026-12-01T10:20:00+08:00");
    const claimed = (await claimCase(ctx, { caseId: called.id, staffUserId: "UMAINT1" })) as RepairCase;
    await finishAt(ctx, time, claimed, "2026-12-01T15:00:00+08:00");
    time.set("2026-12-02T10:00:00+08:00");
    const first = await openCallbackOf(ctx, called.id);
    await recordCallback(ctx, { callbackId: first!.id, staffUserId: "UFRONT1", outcome: "satisfied" });

    time.set("2026-12-10T09:00:00+08:00");
    const uncalled = await reportedRepair(ctx, { ownerUserId: "7001" });
    await finishAt(ctx, time, uncalled, "2026-12-10T16:00:00+08:00");

    time.set("2026-12-31T23:30:00+08:00");
    const lastMinute = await reportedRepair(ctx, { ownerUserId: "7001" });
    await finishAt(ctx, time, lastMinute, "2027-01-04T11:00:00+08:00");
    time.set("2027-01-05T10:00:00+08:00");
    const january = await openCallbackOf(ctx, lastMinute.id);
    await recordCallback(ctx, { callbackId: january!.id, staffUserId: "UFRONT1", outcome: "satisfied" });

    const december = await report("2026-12");
    expect(december.requests.perKind[0]).toEqual({ kind: "repair", count: 3 });
    expect(december.callbacks.coverage[0]).toEqual({ kind: "repair", finished: 2, done: 1, coverage: 0.5 });
    expect(december.callbacks.onTime.find((row) => row.rule === "repair.callback.ordinary")).toMatchObject({ stopped: 1, onTime: 1, rate: 1 });
    // Claimed 20 minutes after the report; the other two were claimed the minute they came in.
    expect(december.durations[0]?.firstResponse).toEqual({ count: 3, medianMinutes: 0, p90Minutes: 16 });
    // Closed by the satisfied callback a day after it was reported; the others are still open.
    expect(december.durations[0]?.completion).toEqual({ count: 1, medianMinutes: 24 * 60, p90Minutes: 24 * 60 });

    const next = await report("2027-01");
    expect(next.requests.perKind[0]).toEqual({ kind: "repair", count: 0 });
    expect(next.callbacks.coverage[0]).toEqual({ kind: "repair", finished: 1, done: 1, coverage: 1 });
  });
}

describe("the monthly report of repairs worked through the use cases on SQLite", () => useCaseSuite("sqlite"));
describe.skipIf(!postgresTestUrl)(`the monthly report of repairs worked through the use cases on PostgreSQL${postgresTestUrl ? "" : ` (skipped: ${postgresSkipReason})`}`, () =>
  useCaseSuite("postgresql"),
);
