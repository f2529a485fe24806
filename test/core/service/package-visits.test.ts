import { describe, expect, it } from "vitest";
import { serviceKind } from "../../../src/core/kinds/service/kind.js";
import { generatePackageVisits } from "../../../src/core/kinds/service/package/generate-visits.js";
import { endPackageByOwner, requestOtherVisitTime } from "../../../src/core/kinds/service/package/owner-visit-steps.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { confirmServiceTime } from "../../../src/core/kinds/service/use-cases/confirm-service-time.js";
import { proposeServiceTime } from "../../../src/core/kinds/service/use-cases/propose-service-time.js";
import { reportServiceProblem } from "../../../src/core/kinds/service/use-cases/report-service-problem.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import { alertsOf } from "../repair/repair-steps.js";
import { acceptedPackage, register, tickAt } from "./package-steps.js";
import { lastNotice, ownerNotices, workOrdersOf } from "./service-steps.js";

describe("a monthly package's visits", () => {
  it("accepted mid-month, opens only the rest of the month's visits, numbered in time order", async () => {
    const { ctx, order } = await acceptedPackage("2026-12-15T11:00:00+08:00");

    expect(order.status).toBe("active");
    expect(await register(ctx, order)).toEqual(["S-2026-000001-01 scheduled 2026-12-21T02:00:00.000Z", "S-2026-000001-02 scheduled 2026-12-28T02:00:00.000Z"]);
  });

  it("accepted on a visit's day after its time, does not open that visit", async () => {
    const { ctx, order } = await acceptedPackage("2026-12-21T10:30:00+08:00");
    expect(await register(ctx, order)).toEqual(["S-2026-000001-01 scheduled 2026-12-28T02:00:00.000Z"]);
  });

  it("opens each month's visits on the 1st at 00:00, numbering on across the year end", async () => {
    const { ctx, time, order } = await acceptedPackage("2026-11-20T15:00:00+08:00");
    expect((await register(ctx, order)).length).toBe(2);

    await tickAt(ctx, time, "2026-12-01T00:00:00+08:00");
    await tickAt(ctx, time, "2027-01-01T00:00:00+08:00");

    expect((await register(ctx, order)).map((row) => row.replace(" scheduled", ""))).toEqual([
      "S-2026-000001-01 2026-11-23T02:00:00.000Z",
      "S-2026-000001-02 2026-11-30T02:00:00.000Z",
      "S-2026-000001-03 2026-12-07T02:00:00.000Z",
      "S-2026-000001-04 2026-12-14T02:00:00.000Z",
      "S-2026-000001-05 2026-12-21T02:00:00.000Z",
      "S-2026-000001-06 2026-12-28T02:00:00.000Z",
      "S-2026-000001-07 2027-01-04T02:00:00.000Z",
      "S-2026-000001-08 2027-01-11T02:00:00.000Z",
      "S-2026-000001-09 2027-01-18T02:00:00.000Z",
      "S-2026-000001-10 2027-01-25T02:00:00.000Z",
    ]);
  });

  it("a second run of a month creates nothing twice, even after the owner moved one of its visits", async () => {
    const { ctx, time, order } = await acceptedPackage("2026-11-30T12:00:00+08:00");
    await tickAt(ctx, time, "2026-12-01T00:00:00+08:00");
    await requestOtherVisitTime(ctx, { ownerUserId: "7001", caseId: order.id, visitAt: "2026-12-07T02:00:00.000Z", wish: "Tuesday instead" });
    await proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt: "2026-12-07T02:00:00.000Z", at: new Date("2026-12-08T10:00:00+08:00") });
    await confirmServiceTime(ctx, { ownerUserId: "7001", caseId: order.id, proposedAt: "2026-12-08T02:00:00.000Z" });
    const before = await register(ctx, order);

    const again = await ctx.uow.transaction(async (store) => generatePackageVisits(store, serviceKind, (await store.cases.findById(order.id)) as typeof order, "2026-12", {}, time.now(), ctx.timeZone));

    expect(again).toEqual([]);
    expect(await register(ctx, order)).toEqual(before);
    expect(before).toContain("S-2026-000001-01 scheduled 2026-12-08T02:00:00.000Z");
  });

  it("a visit moved into the next month does not take the place of one of that month's visits", async () => {
    const { ctx, time, order } = await acceptedPackage("2026-12-15T11:00:00+08:00");
    await requestOtherVisitTime(ctx, { ownerUserId: "7001", caseId: order.id, visitAt: "2026-12-28T02:00:00.000Z", wish: "After New Year" });
    await proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt: "2026-12-28T02:00:00.000Z", at: new Date("2027-01-02T10:00:00+08:00") });
    await confirmServiceTime(ctx, { ownerUserId: "7001", caseId: order.id, proposedAt: "2027-01-02T02:00:00.000Z" });

    await tickAt(ctx, time, "2027-01-01T00:00:00+08:00");

    const january = (await workOrdersOf(ctx, order.id)).filter((o) => o.month === "2027-01");
    expect(january.map((o) => `${o.number} ${o.scheduledAt.toISOString()}`)).toEqual([
      "S-2026-000001-02 2027-01-02T02:00:00.000Z",
      "S-2026-000001-03 2027-01-04T02:00:00.000Z",
      "S-2026-000001-04 2027-01-11T02:00:00.000Z",
      "S-2026-000001-05 2027-01-18T02:00:00.000Z",
      "S-2026-000001-06 2027-01-25T02:00:00.000Z",
    ]);
  });

  it("ended by the owner's button, cancels the visits not begun and opens no more", async () => {
    const { ctx, time, memory, order } = await acceptedPackage("2026-12-15T11:00:00+08:00");

    const ended = (await ctx.kinds.ownerAction("service", "package.end")?.perform?.(ctx, { ownerUserId: "7001", caseId: order.id })) as typeof order;
    await tickAt(ctx, time, "2027-01-01T00:00:00+08:00");

    expect(ended.status).toBe("ended");
    expect(ended.details.endedAt).toEqual(new Date("2026-12-15T03:00:00Z"));
    expect(await register(ctx, order)).toEqual(["S-2026-000001-01 cancelled 2026-12-21T02:00:00.000Z", "S-2026-000001-02 cancelled 2026-12-28T02:00:00.000Z"]);
    expect(alertsOf(memory).at(-1)).toMatchObject({ team: "cleaning", key: "alerts.service_package_ended", mentions: ["UCLEANL"] });
  });
});

describe("a visit's announcement", () => {
  it("reaches the owner at 10:00 the day before, with Propose another naming the visit", async () => {
    const { ctx, time, memory, order } = await acceptedPackage("2026-12-15T11:00:00+08:00");

    await tickAt(ctx, time, "2026-12-20T09:59:00+08:00");
    expect(ownerNotices(memory).filter((n) => n.key === "service.visit_announced")).toEqual([]);
    const reports = await tickAt(ctx, time, "2026-12-20T10:00:00+08:00");

    expect(reports.map((r) => r.outcome)).toContain("visit_announced");
    expect(lastNotice(memory)).toMatchObject({ key: "service.visit_announced", params: { number: "S-2026-000001", workOrder: "S-2026-000001-01", visitAt: { instant: "2026-12-21T02:00:00.000Z" } } });
    expect(lastNotice(memory)?.buttons).toEqual([{ kind: "service", action: "visit.other", caseId: order.id, arg: "2026-12-21T02:00:00.000Z" }]);
  });

  it("is sent at once for a visit opened less than a day before it", async () => {
    const { ctx, time, memory } = await acceptedPackage("2026-12-20T18:00:00+08:00");

    await tickAt(ctx, time, "2026-12-20T18:00:00+08:00");

    expect(ownerNotices(memory).filter((n) => n.key === "service.visit_announced").map((n) => n.params.workOrder)).toEqual(["S-2026-000001-01"]);
  });

  it("is skipped for a visit cancelled since", async () => {
    const { ctx, time, memory, order } = await acceptedPackage("2026-12-15T11:00:00+08:00");
    await endPackageByOwner(ctx, { ownerUserId: "7001", caseId: order.id });

    const reports = await tickAt(ctx, time, "2026-12-27T10:00:00+08:00");

    expect(reports.filter((r) => r.task === "service.announce_visit").map((r) => r.outcome)).toEqual(["skipped", "skipped"]);
    expect(ownerNotices(memory).filter((n) => n.key === "service.visit_announced")).toEqual([]);
  });
});

describe("one visit's steps", () => {
  const visitAt = "2026-12-21T02:00:00.000Z";

  it("a visit the owner asked to move cannot start; confirmed at the new time, it is worked, done and accepted", async () => {
    const { ctx, memory, order } = await acceptedPackage("2026-12-15T11:00:00+08:00");

    await requestOtherVisitTime(ctx, { ownerUserId: "7001", caseId: order.id, visitAt, wish: "Tuesday afternoon" });
    expect(alertsOf(memory).at(-1)).toMatchObject({ team: "cleaning", key: "alerts.service_visit_other_time", params: { workOrder: "S-2026-000001-01", wish: "Tuesday afternoon" } });
    await expect(startService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt })).rejects.toMatchObject({ code: "invalid_transition" });

    await proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt, at: new Date("2026-12-22T15:00:00+08:00") });
    expect(lastNotice(memory)).toMatchObject({ key: "service.visit_time_proposed", params: { workOrder: "S-2026-000001-01", at: { instant: "2026-12-22T07:00:00.000Z" } } });
    expect(lastNotice(memory)?.buttons.map((b) => `${b.action} ${b.arg}`)).toEqual(["time.confirm 2026-12-22T07:00:00.000Z", "visit.other 2026-12-22T07:00:00.000Z"]);
    await expect(startService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt })).rejects.toMatchObject({ code: "invalid_transition" });
    // The owner's buttons run the use cases the kind declares for them, naming the visit by its instant.
    const press = (action: string, arg: string) => ctx.kinds.ownerAction("service", action)?.perform?.(ctx, { ownerUserId: "7001", caseId: order.id, arg });
    await press("time.confirm", "2026-12-22T07:00:00.000Z");

    const movedAt = "2026-12-22T07:00:00.000Z";
    await startService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt: movedAt });
    await completeService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt: movedAt });
    expect(lastNotice(memory)?.buttons.map((b) => `${b.action} ${b.arg}`)).toEqual([`work.accept ${movedAt}`, `work.problem ${movedAt}`]);
    await reportServiceProblem(ctx, { ownerUserId: "7001", caseId: order.id, visitAt: movedAt, words: "The balcony was skipped" });
    expect(alertsOf(memory).at(-1)).toMatchObject({ key: "alerts.service_visit_problem", params: { words: "The balcony was skipped" } });
    await completeService(ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt: movedAt });
    const accepted = (await press("work.accept", movedAt)) as typeof order;

    expect(accepted.status).toBe("active");
    const [visit] = await workOrdersOf(ctx, order.id);
    expect(visit).toMatchObject({ number: "S-2026-000001-01", status: "accepted", scheduledAt: new Date(movedAt), month: "2026-12", problemReport: null });
    // A visit is paid for in the month's receipt, not on its own.
    expect(memory.snapshot().receipts).toEqual([]);
  });

  it("an old Propose another or Confirm of a visit that moved on is refused as expired", async () => {
    const { ctx, order } = await acceptedPackage("2026-12-15T11:00:00+08:00");
    await endPackageByOwner(ctx, { ownerUserId: "7001", caseId: order.id });
    await expect(confirmServiceTime(ctx, { ownerUserId: "7001", caseId: order.id, proposedAt: visitAt })).rejects.toMatchObject({ code: "expired" });
  });
});
