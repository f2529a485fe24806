import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import type { Case } from "../../../src/core/case/case.js";
import { productRegistry } from "../../../src/core/kinds/index.js";
import type { ComplaintDetails } from "../../../src/core/kinds/complaint/details.js";
import type { RepairDetails } from "../../../src/core/kinds/repair/details.js";
import type { MonthlyReport } from "../../../src/core/reports/monthly.js";
import { buildMonthlyReport } from "../../../src/core/use-cases/build-monthly-report.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { minutesAfter } from "./fixtures.js";
import { ReportData, local, zone } from "./report-data.js";

/**
 * The report reads what it groups and orders by from the case header, which the case repository
 * keeps as the case changes: these figures move when a case is corrected, reopened or answered
 * out of order, exactly as the details and the history say.
 */
function headerSuite(kind: DatabaseKind) {
  let test: TestDatabase | undefined;
  afterEach(async () => {
    await test?.cleanup();
    test = undefined;
  });

  async function open(): Promise<{ data: ReportData; report: (month: string) => Promise<MonthlyReport> }> {
    test = await openTestDatabase(kind);
    const database = test.database;
    return {
      data: new ReportData(database.unitOfWork),
      report: (month) => buildMonthlyReport({ reports: database.reports, timeZone: zone, kinds: productRegistry() }, month),
    };
  }

  async function correct(subject: Case, change: Partial<Case>, details: Partial<RepairDetails> = {}): Promise<Case> {
    const next = { ...subject, ...change, details: { ...(subject.details as RepairDetails), ...details }, version: subject.version + 1 } as Case;
    await test!.database.unitOfWork.transaction((store) => store.cases.update(next));
    return next;
  }

  it("a repair whose category and channel the front desk corrects is counted under the corrected ones", async () => {
    const { data, report } = await open();
    const repair = await data.repair("3-1201", local("2026-12-02T10:00"), { category: "plumbing", intakeChannel: "telegram" });
    await correct(repair, {}, { category: "electrical", intakeChannel: "phone" });

    const { requests } = await report("2026-12");
    expect(requests.perCategory).toEqual([{ kind: "repair", category: "electrical", count: 1 }]);
    expect(requests.perKindChannel.filter((row) => row.count > 0)).toEqual([{ kind: "repair", channel: "phone", count: 1 }]);
  });

  it("a complaint classified after it was opened counts under its tier, no longer as unclassified", async () => {
    const { data, report } = await open();
    const complaint = await data.complaint("3-1201", local("2026-12-02T10:00"), { subject: "noise", channel: "telegram", tier: null });
    const next = { ...complaint, details: { ...(complaint.details as ComplaintDetails), tier: "service_error" }, version: complaint.version + 1 } as Case;
    await test!.database.unitOfWork.transaction((store) => store.cases.update(next));

    const { complaints } = await report("2026-12");
    expect(complaints.perTier.filter((row) => row.count > 0)).toEqual([{ tier: "service_error", count: 1 }]);
  });

  it("the first response is the earliest staff step whatever order the steps are recorded in; owners' events and a phone intake's own report are none", async () => {
    const { data, report } = await open();
    const repair = await data.repair("3-1201", local("2026-12-02T10:00"), { category: "plumbing", intakeChannel: "phone" });
    await data.event(repair, minutesAfter(repair.createdAt, 5), "owner_replied", {});
    await data.staffStep(repair, 90, "started");
    await data.staffStep(repair, 40);
    await data.staffStep(repair, 60, "note");

    const { durations } = await report("2026-12");
    // The "reported" event the front desk wrote at the phone call is at minute 0; the owner's event is not staff's.
    expect(durations[0]?.firstResponse).toEqual({ count: 1, medianMinutes: 40, p90Minutes: 40 });
  });

  it("a repair closed and then reopened leaves the month's completion times; a cancelled one never enters them", async () => {
    const { data, report } = await open();
    await data.repair("3-1201", local("2026-12-02T10:00"), { category: "plumbing" }, { status: "closed", closedAt: local("2026-12-02T16:00") });
    const reopened = await data.repair("3-1202", local("2026-12-03T10:00"), { category: "plumbing" }, { status: "closed", closedAt: local("2026-12-04T10:00") });
    const cancelled = await data.repair("3-1203", local("2026-12-05T10:00"), { category: "plumbing" });
    await correct(reopened, { status: "in_progress", closedAt: null });
    await correct(cancelled, { status: "cancelled", closedAt: local("2026-12-05T11:00") });

    const { durations } = await report("2026-12");
    expect(durations[0]?.completion).toEqual({ count: 1, medianMinutes: 360, p90Minutes: 360 });
  });

  it("repairs of one building recur by the building of their units, each case number listed once", async () => {
    const { data, report } = await open();
    const a = await data.repair("7-0101", local("2026-12-02T10:00"), { category: "water_leak" });
    const b = await data.repair("7-0102", local("2026-12-03T10:00"), { category: "water_leak" });
    const c = await data.repair("7-0101", local("2026-12-04T10:00"), { category: "water_leak" });
    await data.repair("8-0101", local("2026-12-04T11:00"), { category: "water_leak" });

    const { recurring } = await report("2026-12");
    expect(recurring.categories).toEqual([{ building: "7", category: "water_leak", count: 3, caseNumbers: [a.number, b.number, c.number].sort() }]);
  });
}

describe("the monthly report follows the case header on SQLite", () => headerSuite("sqlite"));
describe.skipIf(!postgresTestUrl)(`the monthly report follows the case header on PostgreSQL${postgresTestUrl ? "" : ` (skipped: ${postgresSkipReason})`}`, () =>
  headerSuite("postgresql"),
);
