import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import type { Case } from "../../../src/core/case/case.js";
import { productRegistry } from "../../../src/core/kinds/index.js";
import type { MonthlyReport } from "../../../src/core/reports/monthly.js";
import { buildMonthlyReport, previousMonth } from "../../../src/core/use-cases/build-monthly-report.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { ReportData, local, zone } from "./report-data.js";

interface Seeded {
  r1: Case;
  r2: Case;
  r3: Case;
  r4: Case;
  c1: Case;
  c3: Case;
}

/**
 * December 2026 and January 2027 in Shanghai (UTC+8). Building 3 has three plumbing repairs in
 * December, the last at 23:30 on the 31st; one repair falls at 23:30 on 30 November and two at
 * 00:00 and 00:10 on 1 January, just outside December on either side.
 */
async function seed(data: ReportData): Promise<Seeded> {
  const r0 = await data.repair("3-1202", local("2026-11-30T23:30"), { category: "plumbing" });
  await data.staffStep(r0, 5);
  const r1 = await data.repair("3-1201", local("2026-12-02T10:00"), { category: "plumbing", intakeChannel: "telegram" }, { status: "closed", closedAt: local("2026-12-03T10:00") });
  await data.staffStep(r1, 30);
  await data.staffStep(r1, 45, "started");
  const r2 = await data.repair("3-1202", local("2026-12-05T10:00"), { category: "plumbing", intakeChannel: "phone" }, { status: "closed", closedAt: local("2026-12-05T16:00") });
  await data.staffStep(r2, 60);
  const r3 = await data.repair("3-1201", local("2026-12-31T23:30"), { category: "plumbing", intakeChannel: "counter" });
  await data.staffStep(r3, 90);
  const r4 = await data.repair("5-0101", local("2026-12-10T10:00"), { category: "electrical", intakeChannel: "letter" }, { status: "closed", closedAt: local("2026-12-12T10:00") });
  await data.staffStep(r4, 120);
  const cancelled = await data.repair("5-0101", local("2026-12-11T10:00"), { category: "electrical" }, { status: "cancelled", closedAt: local("2026-12-11T12:00") });
  const january = await data.repair("3-1202", local("2027-01-01T00:10"), { category: "plumbing" });
  await data.repair("5-0101", local("2027-01-01T00:00"), { category: "electrical" });
  await data.staffStep(january, 20);

  // Unit 3-1201's repair came back twice in December; 5-0101's once.
  await data.event(r1, local("2026-12-02T20:00"), "reopened");
  await data.event(r1, local("2026-12-03T08:00"), "reopened");
  await data.event(r4, local("2026-12-11T09:00"), "reopened");

  // Callbacks: repairs 1 of 2 made (and a voided one); the service 1 of 1.
  await data.callback(r1, local("2026-12-03T10:00"), "done");
  await data.callback(r2, local("2026-12-05T16:00"), "prompted");
  await data.callback(cancelled, local("2026-12-11T12:00"), "cancelled");
  await data.clock(r1, "repair.callback.ordinary", local("2026-12-05T10:00"), local("2026-12-04T09:00"));
  await data.clock(r4, "repair.callback.ordinary", local("2026-12-14T10:00"), local("2026-12-15T09:00"));
  await data.clock(r2, "repair.callback.ordinary", local("2026-12-07T16:00"), null);
  await data.clock(r1, "repair.callback.prompt", local("2026-12-04T09:00"), local("2026-12-04T09:00"));
  await data.clock(r3, "repair.callback.leak", local("2027-01-05T10:00"), local("2027-01-04T10:00"));

  const c1 = await data.complaint("3-1202", local("2026-12-03T10:00"), { subject: "noise", channel: "telegram", tier: "minor" });
  await data.staffStep(c1, 15, "classified");
  await data.event(c1, local("2026-12-04T10:00"), "escalated", { rule: "complaint.minor.resolve", to: "manager/manager" });
  await data.complaint("5-0101", local("2026-12-20T10:00"), { subject: "hygiene", channel: "letter", tier: null });
  const c3 = await data.complaint("3-1201", local("2026-12-08T10:00"), { subject: "staff_attitude", channel: "phone", tier: "major" }, { status: "closed", closedAt: local("2026-12-09T10:00") });
  await data.staffStep(c3, 10, "classified");
  await data.event(c3, local("2026-12-08T14:00"), "escalated", { rule: "complaint.major.report", to: "manager/manager" });
  await data.event(r4, local("2026-12-13T10:00"), "escalated", { rule: "repair.callback.ordinary", to: "frontdesk/leader" });

  const s1 = await data.service("3-1201", local("2026-12-06T10:00"), { serviceType: "cleaning_hourly", intakeChannel: "telegram" }, { status: "closed", closedAt: local("2026-12-07T10:00") });
  await data.workOrder(s1, local("2026-12-06T14:00"), "accepted");
  await data.receipt(s1, local("2026-12-06T18:00"), 15_000);
  await data.receipt(s1, local("2027-01-05T18:00"), 5_000);
  await data.callback(s1, local("2026-12-06T18:00"), "done");
  await data.clock(s1, "service.callback.accepted", local("2026-12-08T18:00"), local("2026-12-09T09:00"));
  const s2 = await data.service("3-1202", local("2026-12-01T09:00"), { serviceType: "cleaning_monthly", isPackage: true, intakeChannel: "counter" }, { status: "active" });
  await data.workOrder(s2, local("2026-12-07T09:00"), "done");
  await data.workOrder(s2, local("2026-12-14T09:00"), "cancelled");
  await data.workOrder(s2, local("2027-01-04T09:00"), "scheduled");
  await data.receipt(s2, local("2026-12-01T10:00"), 30_000, "2026-12");

  await data.charge("3-1201", "property", "2026-12", "2026-12-31", 10_000, 10_000);
  await data.charge("3-1202", "property", "2026-12", "2026-12-15", 10_000, 4_000);
  await data.charge("3-1201", "elevator", "2026-12", "2026-12-15", 2_000, 0);
  await data.charge("5-0101", "property", "2027-01", "2027-01-01", 10_000, 10_000);
  await data.charge("5-0101", "property", "2026-11", "2026-11-30", 10_000, 0);

  await data.feeFile("3-1202", local("2026-11-15T09:00"), "overdue");
  await data.feeFile("3-1201", local("2026-12-10T09:00"), "demand_letter", local("2026-12-20T09:00"));
  await data.feeFile("5-0101", local("2027-01-05T09:00"), "reminding");
  return { r1, r2, r3, r4, c1, c3 };
}

function reportSuite(kind: DatabaseKind) {
  let test: TestDatabase;
  let seeded: Seeded;
  const report = (month: string): Promise<MonthlyReport> =>
    buildMonthlyReport({ reports: test.database.reports, timeZone: zone, kinds: productRegistry() }, month);

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    seeded = await seed(new ReportData(test.database.unitOfWork));
  });
  afterAll(async () => {
    await test?.cleanup();
  });

  it("December's bounds are local midnights: 1 December 00:00 to 1 January 00:00 in Shanghai", async () => {
    const december = await report("2026-12");
    expect(december.from.toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(december.to.toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("counts December's requests per kind, category and channel, the repair at 23:30 on the 31st included and the one at 23:30 on 30 November not", async () => {
    const { requests } = await report("2026-12");
    expect(requests.perKind).toEqual([
      { kind: "repair", count: 5 },
      { kind: "complaint", count: 3 },
      { kind: "service", count: 2 },
      { kind: "fee", count: 1 },
    ]);
    expect(requests.total).toBe(11);
    expect(requests.perCategory).toEqual([
      { kind: "repair", category: "plumbing", count: 3 },
      { kind: "repair", category: "electrical", count: 2 },
      { kind: "complaint", category: "hygiene", count: 1 },
      { kind: "complaint", category: "noise", count: 1 },
      { kind: "complaint", category: "staff_attitude", count: 1 },
      { kind: "service", category: "cleaning_hourly", count: 1 },
      { kind: "service", category: "cleaning_monthly", count: 1 },
    ]);
    expect(requests.perChannel).toEqual([
      { channel: "telegram", count: 4 },
      { channel: "phone", count: 2 },
      { channel: "counter", count: 2 },
      { channel: "letter", count: 2 },
    ]);
    expect(requests.perKindChannel.filter((row) => row.count > 0)).toEqual([
      { kind: "repair", channel: "telegram", count: 2 },
      { kind: "repair", channel: "phone", count: 1 },
      { kind: "repair", channel: "counter", count: 1 },
      { kind: "repair", channel: "letter", count: 1 },
      { kind: "complaint", channel: "telegram", count: 1 },
      { kind: "complaint", channel: "phone", count: 1 },
      { kind: "complaint", channel: "letter", count: 1 },
      { kind: "service", channel: "telegram", count: 1 },
      { kind: "service", channel: "counter", count: 1 },
    ]);
    expect(requests.perKindChannel).toHaveLength(12);
  });

  it("callback coverage is done over finished per kind: repairs 50% (a voided callback is no job), services 100%, nothing finished is no rate", async () => {
    const { callbacks } = await report("2026-12");
    expect(callbacks.coverage).toEqual([
      { kind: "repair", finished: 2, done: 1, coverage: 0.5 },
      { kind: "complaint", finished: 0, done: 0, coverage: null },
      { kind: "service", finished: 1, done: 1, coverage: 1 },
      { kind: "fee", finished: 0, done: 0, coverage: null },
    ]);
  });

  it("the on-time rate per callback window counts the clocks stopped in the month by their due instant, not prompts or running clocks", async () => {
    const { callbacks } = await report("2026-12");
    const byRule = Object.fromEntries(callbacks.onTime.map((row) => [row.rule, row]));
    expect(byRule["repair.callback.ordinary"]).toEqual({ rule: "repair.callback.ordinary", stopped: 2, onTime: 1, rate: 0.5 });
    expect(byRule["service.callback.accepted"]).toEqual({ rule: "service.callback.accepted", stopped: 1, onTime: 0, rate: 0 });
    expect(byRule["repair.callback.leak"]).toEqual({ rule: "repair.callback.leak", stopped: 0, onTime: 0, rate: null });
    expect(byRule["repair.callback.prompt"]).toBeUndefined();
  });

  it("median and p90 of the first staff step and of completion per kind, interpolated as percentile_cont does", async () => {
    const { durations } = await report("2026-12");
    const repair = durations.find((row) => row.kind === "repair");
    // First steps 30, 60, 90 and 120 minutes (the cancelled repair got none); a phone intake's own report is no response.
    expect(repair?.firstResponse).toEqual({ count: 4, medianMinutes: 75, p90Minutes: 111 });
    // Closed after 1440, 360 and 2880 minutes; the cancelled repair is left out.
    expect(repair?.completion).toEqual({ count: 3, medianMinutes: 1440, p90Minutes: 2592 });
    const complaint = durations.find((row) => row.kind === "complaint");
    expect(complaint?.firstResponse).toEqual({ count: 2, medianMinutes: 12.5, p90Minutes: 14.5 });
    expect(complaint?.completion).toEqual({ count: 1, medianMinutes: 1440, p90Minutes: 1440 });
    expect(durations.find((row) => row.kind === "fee")?.firstResponse).toEqual({ count: 0, medianMinutes: null, p90Minutes: null });
  });

  it("complaints per tier with each breach's case number and rule, a repair's escalation left out", async () => {
    const { complaints } = await report("2026-12");
    expect(complaints.perTier).toEqual([
      { tier: "major", count: 1 },
      { tier: "service_error", count: 0 },
      { tier: "minor", count: 1 },
      { tier: "unclassified", count: 1 },
    ]);
    expect(complaints.breaches).toEqual([
      { caseNumber: seeded.c1.number, rule: "complaint.minor.resolve", at: local("2026-12-04T10:00") },
      { caseNumber: seeded.c3.number, rule: "complaint.major.report", at: local("2026-12-08T14:00") },
    ]);
  });

  it("recurring problems: three plumbing repairs in building 3 and the unit whose repair was reopened twice, with their numbers", async () => {
    const { recurring } = await report("2026-12");
    expect(recurring.categories).toEqual([
      { building: "3", category: "plumbing", count: 3, caseNumbers: [seeded.r1.number, seeded.r2.number, seeded.r3.number].sort() },
    ]);
    expect(recurring.reopenedUnits).toEqual([{ building: "3", unit: "1201", reopens: 2, caseNumbers: [seeded.r1.number] }]);
  });

  it("service orders, the month's work orders (a cancelled visit left out) and the receipts issued in the month per service type", async () => {
    const { services } = await report("2026-12");
    expect(services.filter((row) => row.orders > 0 || row.workOrders > 0 || row.collectedFen > 0)).toEqual([
      { serviceType: "cleaning_monthly", orders: 1, workOrders: 1, collectedFen: 30_000 },
      { serviceType: "cleaning_hourly", orders: 1, workOrders: 1, collectedFen: 15_000 },
    ]);
    expect(services).toHaveLength(5);
  });

  it("the collection rate of the charges due in December per fee type, and the households on each rung at the month's end", async () => {
    const { fees } = await report("2026-12");
    expect(fees.collection.filter((row) => row.charges > 0)).toEqual([
      { feeType: "property", charges: 2, chargedFen: 20_000, paidFen: 14_000, rate: 0.7 },
      { feeType: "elevator", charges: 1, chargedFen: 2_000, paidFen: 0, rate: 0 },
    ]);
    expect(fees.collection.find((row) => row.feeType === "garbage")).toEqual({ feeType: "garbage", charges: 0, chargedFen: 0, paidFen: 0, rate: null });
    // The demand-letter household settled on the 20th; January's new file is not open yet.
    expect(fees.perStage).toEqual([
      { stage: "reminding", households: 0 },
      { stage: "overdue", households: 1 },
      { stage: "demand_letter", households: 0 },
      { stage: "home_visit", households: 0 },
      { stage: "legal", households: 0 },
    ]);
  });

  it("January 2027, across the year end, holds only its own cases, receipts, visits and charges", async () => {
    const january = await report("2027-01");
    // The repair at midnight exactly opens January.
    expect(january.requests.perKind).toEqual([
      { kind: "repair", count: 2 },
      { kind: "complaint", count: 0 },
      { kind: "service", count: 0 },
      { kind: "fee", count: 1 },
    ]);
    expect(january.durations[0]?.firstResponse).toEqual({ count: 1, medianMinutes: 20, p90Minutes: 20 });
    expect(january.recurring).toEqual({ categories: [], reopenedUnits: [] });
    expect(january.callbacks.onTime.find((row) => row.rule === "repair.callback.leak")).toMatchObject({ stopped: 1, onTime: 1, rate: 1 });
    expect(january.services.find((row) => row.serviceType === "cleaning_hourly")).toEqual({ serviceType: "cleaning_hourly", orders: 0, workOrders: 0, collectedFen: 5_000 });
    expect(january.services.find((row) => row.serviceType === "cleaning_monthly")?.workOrders).toBe(1);
    expect(january.fees.collection[0]).toEqual({ feeType: "property", charges: 1, chargedFen: 10_000, paidFen: 10_000, rate: 1 });
    expect(january.fees.perStage.filter((row) => row.households > 0)).toEqual([
      { stage: "reminding", households: 1 },
      { stage: "overdue", households: 1 },
    ]);
  });

  it("an empty month has every row of every closed set at zero, no rates, no percentiles and no lists", async () => {
    const empty = await report("2026-06");
    expect(empty.requests.total).toBe(0);
    expect(empty.requests.perKind.map((row) => row.count)).toEqual([0, 0, 0, 0]);
    expect(empty.requests.perCategory).toEqual([]);
    expect(empty.requests.perChannel.map((row) => row.count)).toEqual([0, 0, 0, 0]);
    expect(empty.callbacks.coverage.every((row) => row.finished === 0 && row.coverage === null)).toBe(true);
    expect(empty.callbacks.onTime.length).toBeGreaterThan(0);
    expect(empty.callbacks.onTime.every((row) => row.stopped === 0 && row.rate === null)).toBe(true);
    expect(empty.durations.every((row) => row.firstResponse.medianMinutes === null && row.completion.p90Minutes === null)).toBe(true);
    expect(empty.complaints).toEqual({ perTier: expect.any(Array), breaches: [] });
    expect(empty.complaints.perTier.every((row) => row.count === 0)).toBe(true);
    expect(empty.recurring).toEqual({ categories: [], reopenedUnits: [] });
    expect(empty.services.every((row) => row.orders === 0 && row.collectedFen === 0)).toBe(true);
    expect(empty.fees.collection.every((row) => row.rate === null)).toBe(true);
    expect(empty.fees.perStage.every((row) => row.households === 0)).toBe(true);
  });
}

describe("the monthly report on SQLite", () => reportSuite("sqlite"));
describe.skipIf(!postgresTestUrl)(`the monthly report on PostgreSQL${postgresTestUrl ? "" : ` (skipped: ${postgresSkipReason})`}`, () => reportSuite("postgresql"));

describe("the month a report covers", () => {
  it("the report of 1 January is December's, in the property's zone", () => {
    expect(previousMonth(local("2027-01-01T09:00"), zone)).toBe("2026-12");
    // 31 December 17:00 UTC is already 1 January in Shanghai.
    expect(previousMonth(new Date("2026-12-31T17:00:00Z"), zone)).toBe("2026-12");
    expect(previousMonth(local("2026-12-31T23:30"), zone)).toBe("2026-11");
  });
});
