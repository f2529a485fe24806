import { describe, expect, it } from "vitest";
import { serviceKind } from "../../../src/core/kinds/service/kind.js";
import { acceptWork } from "../../../src/core/kinds/service/use-cases/accept-work.js";
import { answerQuote } from "../../../src/core/kinds/service/use-cases/answer-quote.js";
import { cancelServiceByOwner } from "../../../src/core/kinds/service/use-cases/cancel-service-by-owner.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { confirmServiceTime } from "../../../src/core/kinds/service/use-cases/confirm-service-time.js";
import { getServiceOptions } from "../../../src/core/kinds/service/use-cases/get-service-options.js";
import { proposeServiceTime } from "../../../src/core/kinds/service/use-cases/propose-service-time.js";
import { quoteService } from "../../../src/core/kinds/service/use-cases/quote-service.js";
import { recordServiceForOwner } from "../../../src/core/kinds/service/use-cases/record-service-for-owner.js";
import { reportServiceProblem } from "../../../src/core/kinds/service/use-cases/report-service-problem.js";
import { requestOtherServiceTime } from "../../../src/core/kinds/service/use-cases/request-other-service-time.js";
import { rescheduleService } from "../../../src/core/kinds/service/use-cases/reschedule-service.js";
import { scheduleSiteVisit } from "../../../src/core/kinds/service/use-cases/schedule-site-visit.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import { estimateService } from "../../../src/core/kinds/service/estimate.js";
import { assignCase } from "../../../src/core/use-cases/assign-case.js";
import { cancelCase } from "../../../src/core/use-cases/cancel-case.js";
import { recordCallback } from "../../../src/core/use-cases/record-callback.js";
import { alertsOf, dueAt } from "../repair/repair-steps.js";
import { booked, createServiceFixture, lastNotice, ownerNotices, payloadsOf, scheduledAt, workOrdersOf } from "./service-steps.js";

describe("booking a service", () => {
  it("an hourly clean is estimated from the standard, agreed at that price, and goes to the cleaning team's card", async () => {
    const { ctx, memory } = await createServiceFixture();
    const order = await booked(ctx, "hourly");

    expect(order).toMatchObject({ number: "S-2026-000001", kind: "service", status: "new", team: "cleaning" });
    expect(order.details).toMatchObject({ hours: 3, areaM2: null, estimateFen: 15_000, agreedFen: 15_000, isPackage: false, onsitePricing: false, intakeChannel: "telegram" });
    expect(payloadsOf(memory, "staff.case-card")).toEqual([{ type: "staff.case-card", team: "cleaning", caseId: order.id }]);
    expect(lastNotice(memory)).toMatchObject({ chatId: "7001", key: "service.received", params: { number: "S-2026-000001", item: "钟点清洁", estimate: "¥150.00" } });
    expect(lastNotice(memory)?.buttons.map((b) => b.action)).toEqual(["order.reschedule", "order.cancel"]);
    // No quote is needed: the leader can propose a time at once, and there is no site visit to book.
    expect(serviceKind.cardActions(order)).toEqual(["quote", "claim", "assign", "propose_time", "cancel"]);
  });

  it("a whole-flat clean is priced on site: no estimate, the unit's area by default, a site visit before any quote", async () => {
    const { ctx, memory } = await createServiceFixture();
    const options = await getServiceOptions(ctx, { serviceType: "cleaning_whole_flat", unitId: (await booked(ctx, "hourly")).unitId });
    expect(options.items.map((item) => item.code)).toEqual(["CL-MOVE-IN", "CL-WHOLE-FLAT"]);
    expect(options.defaultAreaM2).toBe(89.5);
    expect(estimateService(options.items[1]!, { areaM2: 89.5, hours: null })).toEqual({ estimateFen: null, lines: [] });

    const order = await booked(ctx, "wholeFlat");
    expect(order.details).toMatchObject({ areaM2: 89.5, estimateFen: null, agreedFen: null, onsitePricing: true });
    expect(lastNotice(memory)).toMatchObject({ key: "service.received_onsite", params: { item: "全屋清洁" } });
    expect(serviceKind.cardActions(order)).toEqual(["schedule_site_visit", "claim", "assign", "cancel"]);

    await expect(quoteService(ctx, { caseId: order.id, staffUserId: "UCLEANL", lines: [{ code: "CL-WHOLE-FLAT", quantity: 89.5 }] })).rejects.toMatchObject({ code: "site_visit_required" });
    await expect(proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", at: new Date("2026-12-05T09:00:00+08:00") })).rejects.toMatchObject({ code: "invalid_transition" });
    await expect(scheduleSiteVisit(ctx, { caseId: order.id, staffUserId: "UCLEANL", at: new Date("2026-12-01T09:00:00+08:00") })).rejects.toMatchObject({ code: "time_in_past" });

    const visited = await scheduleSiteVisit(ctx, { caseId: order.id, staffUserId: "UCLEANL", at: new Date("2026-12-02T14:00:00+08:00") });
    expect(visited.status).toBe("site_visit");
    expect(lastNotice(memory)).toMatchObject({ key: "service.site_visit", params: { at: { instant: "2026-12-02T06:00:00.000Z" } } });
    expect(serviceKind.cardActions(visited)).toContain("quote");
  });

  it("an item the service type does not offer is refused, nothing recorded", async () => {
    const { ctx, memory } = await createServiceFixture();
    const before = memory.commits();
    await expect(booked(ctx, "hourly", { priceCode: "GR-ONE-OFF" })).rejects.toMatchObject({ code: "invalid_input", params: { field: "priceCode" } });
    await expect(booked(ctx, "hourly", { hours: null })).rejects.toMatchObject({ code: "invalid_input", params: { field: "hours" } });
    expect(memory.commits()).toBe(before);
  });
});

describe("the quote", () => {
  async function visitedWholeFlat() {
    const fixture = await createServiceFixture();
    const order = await booked(fixture.ctx, "wholeFlat");
    await scheduleSiteVisit(fixture.ctx, { caseId: order.id, staffUserId: "UCLEANL", at: new Date("2026-12-02T14:00:00+08:00") });
    return { ...fixture, order };
  }

  it("accepted: the lines of the standard at the quantities quoted become the agreed price", async () => {
    const { ctx, memory, order } = await visitedWholeFlat();
    const quoted = await quoteService(ctx, { caseId: order.id, staffUserId: "UCLEANL", lines: [{ code: "CL-WHOLE-FLAT", quantity: 89.5 }, { code: "CL-WINDOWS", quantity: 12 }] });
    expect(quoted.status).toBe("quoted");
    expect(quoted.details.quoteLines.map((line) => [line.code, line.quantity, line.unitPriceFen, line.amountFen])).toEqual([
      ["CL-WHOLE-FLAT", 89.5, 800, 71_600],
      ["CL-WINDOWS", 12, 600, 7_200],
    ]);
    expect(quoted.details.quoteTotalFen).toBe(78_800);
    const notice = lastNotice(memory)!;
    expect(notice).toMatchObject({ key: "service.quoted", params: { total: "¥788.00", lines: "全屋清洁 × 89.5: ¥716.00\n玻璃窗清洁 × 12: ¥72.00" } });
    expect(notice.buttons).toEqual([
      { kind: "service", action: "quote.accept", caseId: order.id },
      { kind: "service", action: "quote.decline", caseId: order.id },
    ]);

    // The owner presses Accept: the registry's button runs the use case.
    const press = ctx.kinds.ownerAction("service", "quote.accept")!;
    expect(press.isCurrent(quoted, undefined)).toBe(true);
    const agreed = (await press.perform!(ctx, { ownerUserId: "7001", caseId: order.id })) as typeof quoted;
    expect(agreed.status).toBe("agreed");
    expect(agreed.details).toMatchObject({ quoteAnswer: "accepted", agreedFen: 78_800 });
    expect(press.isCurrent(agreed, undefined)).toBe(false);
    expect(lastNotice(memory)).toMatchObject({ key: "service.quote_accepted", params: { total: "¥788.00" } });
    expect(alertsOf(memory).at(-1)).toMatchObject({ team: "cleaning", key: "alerts.service_quote_accepted", mentions: ["UCLEANL"] });
  });

  it("declined: the order ends and the team is told", async () => {
    const { ctx, memory, order } = await visitedWholeFlat();
    await quoteService(ctx, { caseId: order.id, staffUserId: "UCLEANL", lines: [{ code: "CL-WHOLE-FLAT", quantity: 89.5 }] });
    const declined = await answerQuote(ctx, { ownerUserId: "7001", caseId: order.id, answer: "declined" });
    expect(declined.status).toBe("declined");
    expect(serviceKind.finalStatuses).toContain("declined");
    expect(alertsOf(memory).at(-1)).toMatchObject({ team: "cleaning", key: "alerts.service_quote_declined", params: { number: order.number, total: "¥716.00" } });
    expect(lastNotice(memory)).toMatchObject({ key: "service.quote_declined" });
    await expect(answerQuote(ctx, { ownerUserId: "7001", caseId: order.id, answer: "accepted" })).rejects.toMatchObject({ code: "invalid_transition" });
  });

  it("a package's quote must carry its visits' weekdays and time, a one-off's must not; items of another team's standard are refused", async () => {
    const { ctx, memory, order } = await visitedWholeFlat();
    const schedule = { weekdays: [1], time: "09:00", weeksOfMonth: null };
    await expect(quoteService(ctx, { caseId: order.id, staffUserId: "UCLEANL", lines: [{ code: "CL-WHOLE-FLAT", quantity: 89.5 }], schedule })).rejects.toMatchObject({ code: "invalid_input", params: { field: "schedule" } });
    await expect(quoteService(ctx, { caseId: order.id, staffUserId: "UCLEANL", lines: [{ code: "GR-PRUNE", quantity: 1 }] })).rejects.toMatchObject({ code: "invalid_input", params: { field: "lines" } });

    const monthly = await booked(ctx, "monthly");
    expect(monthly.details).toMatchObject({ isPackage: true, estimateFen: 88_000, agreedFen: null });
    await expect(quoteService(ctx, { caseId: monthly.id, staffUserId: "UCLEANL", lines: [{ code: "CL-MONTHLY-WEEKLY", quantity: 1 }] })).rejects.toMatchObject({ code: "invalid_input", params: { field: "schedule" } });
    await quoteService(ctx, { caseId: monthly.id, staffUserId: "UCLEANL", lines: [{ code: "CL-MONTHLY-WEEKLY", quantity: 1 }], schedule: { weekdays: [3, 1], time: "09:00", weeksOfMonth: null } });
    expect(lastNotice(memory)).toMatchObject({ key: "service.quoted_package", params: { total: "¥880.00", schedule: "每周一、周三 09:00" } });
    const active = await answerQuote(ctx, { ownerUserId: "7001", caseId: monthly.id, answer: "accepted" });
    expect(active.status).toBe("active");
    expect(active.details.agreedFen).toBe(88_000);
    expect(lastNotice(memory)).toMatchObject({ key: "service.package_active", params: { schedule: "每周一、周三 09:00", total: "¥880.00" } });
    // The owner's End the package button ends it at once.
    const end = ctx.kinds.ownerAction("service", "package.end")!;
    expect(end.isCurrent(active, undefined)).toBe(true);
    expect(await end.perform!(ctx, { ownerUserId: "7001", caseId: monthly.id })).toMatchObject({ status: "ended" });
  });
});

describe("agreeing the time", () => {
  it("propose, another time, propose again, confirm: exactly one work order, S-…-01, opened at the confirmation", async () => {
    const { ctx, memory } = await createServiceFixture();
    const order = await booked(ctx, "hourly");
    const first = new Date("2026-12-05T09:00:00+08:00");
    const proposed = await proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", at: first });
    expect(proposed.status).toBe("awaiting_confirmation");
    expect(lastNotice(memory)).toMatchObject({ key: "service.time_proposed", params: { at: { instant: first.toISOString() } } });
    expect(lastNotice(memory)?.buttons).toEqual([
      { kind: "service", action: "time.confirm", caseId: order.id, arg: first.toISOString() },
      { kind: "service", action: "time.other", caseId: order.id, arg: first.toISOString() },
    ]);
    await expect(startService(ctx, { caseId: order.id, staffUserId: "UCLEANL" })).rejects.toMatchObject({ code: "invalid_transition" });
    await expect(proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", at: new Date("2026-12-01T09:00:00+08:00") })).rejects.toMatchObject({ code: "time_in_past" });

    const other = await requestOtherServiceTime(ctx, { ownerUserId: "7001", caseId: order.id, proposedAt: first.toISOString(), wish: "Sunday afternoon" });
    expect(other.status).toBe("agreed");
    expect(other.details).toMatchObject({ ownerTimeRequest: "Sunday afternoon", appointmentAt: null });
    expect(alertsOf(memory).at(-1)).toMatchObject({ team: "cleaning", key: "alerts.service_other_time", params: { wish: "Sunday afternoon" }, mentions: ["UCLEANL"] });
    expect(await workOrdersOf(ctx, order.id)).toEqual([]);

    const second = new Date("2026-12-06T14:00:00+08:00");
    const again = await proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", at: second });
    // The first proposal's buttons no longer apply.
    const confirmPress = ctx.kinds.ownerAction("service", "time.confirm")!;
    expect(confirmPress.isCurrent(again, first.toISOString())).toBe(false);
    expect(confirmPress.isCurrent(again, second.toISOString())).toBe(true);
    await expect(confirmServiceTime(ctx, { ownerUserId: "7001", caseId: order.id, proposedAt: first.toISOString() })).rejects.toMatchObject({ code: "expired" });

    const scheduled = (await confirmPress.perform!(ctx, { ownerUserId: "7001", caseId: order.id, arg: second.toISOString() })) as typeof again;
    expect(scheduled.status).toBe("scheduled");
    const orders = await workOrdersOf(ctx, order.id);
    expect(orders.map((wo) => [wo.number, wo.sequence, wo.status, wo.scheduledAt.toISOString(), wo.month])).toEqual([["S-2026-000001-01", 1, "scheduled", second.toISOString(), "2026-12"]]);
    expect(lastNotice(memory)).toMatchObject({ key: "service.time_confirmed", params: { workOrder: "S-2026-000001-01", at: { instant: second.toISOString() } } });
    await expect(confirmServiceTime(ctx, { ownerUserId: "7001", caseId: order.id, proposedAt: second.toISOString() })).rejects.toMatchObject({ code: "expired" });
    expect(await workOrdersOf(ctx, order.id)).toHaveLength(1);
  });
});

describe("the work, its acceptance and the receipt", () => {
  async function scheduledHourly() {
    const fixture = await createServiceFixture();
    const order = await booked(fixture.ctx, "hourly");
    await assignCase(fixture.ctx, { caseId: order.id, staffUserId: "UCLEANL", assigneeId: (await fixture.ctx.uow.transaction((s) => s.staff.findByUserId("UCLEAN1")))!.id });
    await scheduledAt(fixture.ctx, order, "2026-12-03T14:00:00+08:00");
    fixture.time.set("2026-12-03T14:00:00+08:00");
    return { ...fixture, order };
  }

  it("done, accepted: a receipt for the agreed amount reaches the owner, and the callback is asked the next day, due 2 days after", async () => {
    const { ctx, memory, time, order } = await scheduledHourly();
    const started = await startService(ctx, { caseId: order.id, staffUserId: "UCLEAN1" });
    expect(started.status).toBe("in_progress");
    expect((await workOrdersOf(ctx, order.id))[0]).toMatchObject({ status: "in_progress", startedAt: new Date("2026-12-03T14:00:00+08:00") });

    time.set("2026-12-03T17:00:00+08:00");
    const done = await completeService(ctx, { caseId: order.id, staffUserId: "UCLEAN1" });
    expect(done.status).toBe("done");
    expect(lastNotice(memory)).toMatchObject({ key: "service.done" });
    expect(lastNotice(memory)?.buttons.map((b) => b.action)).toEqual(["work.accept", "work.problem"]);

    time.set("2026-12-03T18:30:00+08:00");
    const accepted = (await ctx.kinds.ownerAction("service", "work.accept")!.perform!(ctx, { ownerUserId: "7001", caseId: order.id })) as typeof done;
    expect(accepted.status).toBe("awaiting_callback");
    const receipts = await ctx.uow.transaction((store) => store.receipts.listByCase(order.id));
    expect(receipts).toHaveLength(1);
    const [workOrder] = await workOrdersOf(ctx, order.id);
    expect(receipts[0]).toMatchObject({ number: "RC-2026-000001", amountFen: 15_000, workOrderId: workOrder!.id, period: null, unitId: order.unitId, payerId: order.reporterId });
    expect(receipts[0]!.lines).toEqual([{ code: "CL-HOURLY", nameZh: "钟点清洁", nameEn: "Hourly cleaning", quantity: 3, unitPriceFen: 5_000, amountFen: 15_000 }]);
    expect(workOrder).toMatchObject({ status: "accepted", acceptedAt: new Date("2026-12-03T18:30:00+08:00") });
    expect(lastNotice(memory)).toMatchObject({ chatId: "7001", key: "receipt.issued", params: { receipt: "RC-2026-000001", total: "¥150.00", number: order.number } });

    const callback = await ctx.uow.transaction((store) => store.callbacks.findOpenByCase(order.id));
    expect(callback).toMatchObject({ status: "scheduled", dueAt: new Date("2026-12-05T18:30:00+08:00") });
    // Accepted after hours: the front desk is asked the next day once it is at work (18:30 + 1 day is after 18:00).
    expect(await dueAt(ctx, time, "2026-12-04T18:29:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-05T09:00:00+08:00")).toEqual(["callback_prompted"]);

    const closed = await recordCallback(ctx, { staffUserId: "UFRONT1", callbackId: callback!.id, outcome: "satisfied" });
    expect(closed.ticket.status).toBe("closed");
    expect(lastNotice(memory)).toMatchObject({ key: "service.closed" });
  });

  it("accepted in working hours: the callback is prompted a day later and due two days after the acceptance", async () => {
    const { ctx, time, order } = await scheduledHourly();
    await startService(ctx, { caseId: order.id, staffUserId: "UCLEAN1" });
    await completeService(ctx, { caseId: order.id, staffUserId: "UCLEAN1" });
    time.set("2026-12-03T15:00:00+08:00");
    await acceptWork(ctx, { ownerUserId: "7001", caseId: order.id });
    const clocks = await ctx.uow.transaction((store) => store.clocks.listRunning(order.id));
    expect(clocks.map((clock) => [clock.rule, clock.dueAt.toISOString()]).sort()).toEqual([
      ["service.callback.accepted", "2026-12-05T07:00:00.000Z"],
      ["service.callback.prompt", "2026-12-04T07:00:00.000Z"],
    ]);
  });

  it("a problem goes back to the team with the owner's words; a callback not satisfied sends it back without a second fee", async () => {
    const { ctx, memory, time, order } = await scheduledHourly();
    await startService(ctx, { caseId: order.id, staffUserId: "UCLEAN1" });
    await completeService(ctx, { caseId: order.id, staffUserId: "UCLEAN1" });
    await expect(reportServiceProblem(ctx, { ownerUserId: "7001", caseId: order.id, words: " " })).rejects.toMatchObject({ code: "invalid_input" });
    const back = await reportServiceProblem(ctx, { ownerUserId: "7001", caseId: order.id, words: "The kitchen floor is still greasy" });
    expect(back.status).toBe("in_progress");
    expect(back.details.problemReport).toBe("The kitchen floor is still greasy");
    expect(alertsOf(memory).at(-1)).toMatchObject({ team: "cleaning", key: "alerts.service_problem", params: { words: "The kitchen floor is still greasy" }, mentions: ["UCLEANL", "UCLEAN1"] });
    expect((await workOrdersOf(ctx, order.id))[0]).toMatchObject({ status: "in_progress", problemReport: "The kitchen floor is still greasy" });
    expect(lastNotice(memory)).toMatchObject({ key: "service.problem_noted" });
    expect(await ctx.uow.transaction((store) => store.receipts.listByCase(order.id))).toEqual([]);

    await completeService(ctx, { caseId: order.id, staffUserId: "UCLEAN1" });
    time.set("2026-12-03T16:00:00+08:00");
    await acceptWork(ctx, { ownerUserId: "7001", caseId: order.id });
    const callback = await ctx.uow.transaction((store) => store.callbacks.findOpenByCase(order.id));
    const rework = await recordCallback(ctx, { staffUserId: "UFRONT1", callbackId: callback!.id, outcome: "not_fixed" });
    expect(rework.ticket.status).toBe("in_progress");
    expect(alertsOf(memory).at(-1)).toMatchObject({ key: "alerts.service_callback_not_satisfied" });
    await completeService(ctx, { caseId: order.id, staffUserId: "UCLEAN1" });
    await acceptWork(ctx, { ownerUserId: "7001", caseId: order.id });
    expect((await ctx.uow.transaction((store) => store.receipts.listByCase(order.id))).map((r) => r.number)).toEqual(["RC-2026-000001"]);
  });

  it("the quote's lines are what the receipt says when there was a quote", async () => {
    const { ctx, time, order } = await scheduledHourly();
    // A fresh order quoted at 4 hours instead of the 3 booked.
    const quotedOrder = await booked(ctx, "hourly");
    await quoteService(ctx, { caseId: quotedOrder.id, staffUserId: "UCLEANL", lines: [{ code: "CL-HOURLY", quantity: 4 }] });
    await answerQuote(ctx, { ownerUserId: "7001", caseId: quotedOrder.id, answer: "accepted" });
    await scheduledAt(ctx, quotedOrder, "2026-12-04T10:00:00+08:00");
    time.set("2026-12-04T10:00:00+08:00");
    await startService(ctx, { caseId: quotedOrder.id, staffUserId: "UCLEANL" });
    await completeService(ctx, { caseId: quotedOrder.id, staffUserId: "UCLEANL" });
    await acceptWork(ctx, { ownerUserId: "7001", caseId: quotedOrder.id });
    const [receipt] = await ctx.uow.transaction((store) => store.receipts.listByCase(quotedOrder.id));
    expect(receipt).toMatchObject({ number: "RC-2026-000001", amountFen: 20_000 });
    expect(receipt!.lines.map((line) => line.quantity)).toEqual([4]);
    expect(order.details.agreedFen).toBe(15_000);
  });
});

describe("the owner moves or cancels the order", () => {
  it("rescheduling a confirmed time voids its work order; the next confirmation opens S-…-02", async () => {
    const { ctx, memory } = await createServiceFixture();
    const order = await booked(ctx, "hourly");
    await scheduledAt(ctx, order, "2026-12-03T14:00:00+08:00");
    const moved = await ctx.kinds.ownerAction("service", "order.reschedule")!;
    expect(moved.isCurrent(await ctx.uow.transaction(async (s) => (await s.cases.findById(order.id))!), undefined)).toBe(true);
    const agreed = await rescheduleService(ctx, { ownerUserId: "7001", caseId: order.id, wish: "Next Monday morning" });
    expect(agreed.status).toBe("agreed");
    expect(agreed.details).toMatchObject({ appointmentAt: null, ownerTimeRequest: "Next Monday morning" });
    expect((await workOrdersOf(ctx, order.id)).map((wo) => [wo.number, wo.status])).toEqual([["S-2026-000001-01", "cancelled"]]);
    expect(alertsOf(memory).at(-1)).toMatchObject({ key: "alerts.service_rescheduled", params: { wish: "Next Monday morning" } });
    expect(lastNotice(memory)).toMatchObject({ key: "service.reschedule_noted" });

    await scheduledAt(ctx, order, "2026-12-07T09:00:00+08:00");
    expect((await workOrdersOf(ctx, order.id)).map((wo) => [wo.number, wo.status])).toEqual([
      ["S-2026-000001-01", "cancelled"],
      ["S-2026-000001-02", "scheduled"],
    ]);
  });

  it("before the team sets off the owner may cancel; once it started, moving or cancelling is refused as the team on the way", async () => {
    const { ctx, memory, time } = await createServiceFixture();
    const early = await booked(ctx, "greening");
    expect(early.team).toBe("greening");
    const cancelled = await ctx.kinds.ownerAction("service", "order.cancel")!.perform!(ctx, { ownerUserId: "7001", caseId: early.id });
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "cancelled by the owner" });
    expect(alertsOf(memory).at(-1)).toMatchObject({ team: "greening", key: "alerts.service_cancelled_by_owner", mentions: ["UGREENL"] });
    expect(lastNotice(memory)).toMatchObject({ key: "service.cancelled_by_owner", params: { item: "庭院绿化养护（单次）" } });

    const order = await booked(ctx, "hourly");
    await scheduledAt(ctx, order, "2026-12-03T14:00:00+08:00");
    time.set("2026-12-03T14:00:00+08:00");
    const started = await startService(ctx, { caseId: order.id, staffUserId: "UCLEANL" });
    expect(ctx.kinds.ownerAction("service", "order.cancel")!.isCurrent(started, undefined)).toBe(false);
    await expect(rescheduleService(ctx, { ownerUserId: "7001", caseId: order.id, wish: "Tomorrow" })).rejects.toMatchObject({ code: "team_on_the_way" });
    await expect(cancelServiceByOwner(ctx, { ownerUserId: "7001", caseId: order.id })).rejects.toMatchObject({ code: "team_on_the_way" });
    expect((await workOrdersOf(ctx, order.id))[0]?.status).toBe("in_progress");
  });

  it("the front desk cancels with a reason: the owner is told it and the work order is void", async () => {
    const { ctx, memory } = await createServiceFixture();
    const order = await booked(ctx, "hourly");
    await scheduledAt(ctx, order, "2026-12-03T14:00:00+08:00");
    await expect(cancelCase(ctx, { caseId: order.id, staffUserId: "UCLEAN1", reason: "Owner called" })).rejects.toMatchObject({ code: "forbidden" });
    const cancelled = await cancelCase(ctx, { caseId: order.id, staffUserId: "UFRONT1", reason: "Owner called to cancel" });
    expect(cancelled.status).toBe("cancelled");
    expect((await workOrdersOf(ctx, order.id))[0]?.status).toBe("cancelled");
    expect(lastNotice(memory)).toMatchObject({ key: "service.cancelled", params: { reason: "Owner called to cancel" } });
  });
});

describe("who may do what", () => {
  it("only the serving team's leader quotes, schedules and proposes; another team's leader and a member are refused", async () => {
    const { ctx, memory } = await createServiceFixture();
    const order = await booked(ctx, "wholeFlat");
    const before = memory.commits();
    await expect(scheduleSiteVisit(ctx, { caseId: order.id, staffUserId: "UGREENL", at: new Date("2026-12-02T14:00:00+08:00") })).rejects.toMatchObject({
      code: "forbidden",
      params: { reason: "wrong_team", team: "cleaning", leader: "Zhou Jing" },
    });
    await expect(scheduleSiteVisit(ctx, { caseId: order.id, staffUserId: "UCLEAN1", at: new Date("2026-12-02T14:00:00+08:00") })).rejects.toMatchObject({ code: "forbidden", params: { reason: "wrong_role" } });
    await expect(scheduleSiteVisit(ctx, { caseId: order.id, staffUserId: "UFRONT1", at: new Date("2026-12-02T14:00:00+08:00") })).rejects.toMatchObject({ code: "forbidden" });
    expect(memory.commits()).toBe(before);
    // The manager may do everything.
    await expect(scheduleSiteVisit(ctx, { caseId: order.id, staffUserId: "UMANAGR", at: new Date("2026-12-02T14:00:00+08:00") })).resolves.toMatchObject({ status: "site_visit" });
  });

  it("the work is the assignee's or the leader's: another member of the team may not start it", async () => {
    const { ctx, time } = await createServiceFixture();
    const order = await booked(ctx, "greening", { priceCode: "GR-POTTED", serviceType: "greening_monthly" });
    expect(order.details.isPackage).toBe(true);
    const hourly = await booked(ctx, "hourly");
    await scheduledAt(ctx, hourly, "2026-12-03T14:00:00+08:00");
    time.set("2026-12-03T14:00:00+08:00");
    await expect(startService(ctx, { caseId: hourly.id, staffUserId: "UCLEAN1" })).rejects.toMatchObject({ code: "forbidden", params: { reason: "unassigned" } });
    await expect(startService(ctx, { caseId: hourly.id, staffUserId: "UGREEN1" })).rejects.toMatchObject({ code: "forbidden", params: { reason: "wrong_team" } });
  });
});

describe("a service taken by the front desk", () => {
  it("is registered for the caller by phone and reaches them in the bot as one they booked", async () => {
    const { ctx, memory } = await createServiceFixture();
    const resident = (await ctx.uow.transaction((store) => store.residents.findByPhone("+8613800000001")))[0]!;
    const order = await recordServiceForOwner(ctx, {
      staffUserId: "UFRONT1",
      channel: "phone",
      building: "3",
      unit: "1202",
      caller: { residentId: resident.id },
      serviceType: "cleaning_whole_flat",
      priceCode: "CL-MOVE-IN",
      preferredTime: "After the 10th",
    });
    expect(order).toMatchObject({ status: "new", team: "cleaning", reporterId: resident.id, reporterUserId: "7001" });
    expect(order.details).toMatchObject({ intakeChannel: "phone", areaM2: 89.5, estimateFen: null });
    expect(lastNotice(memory)).toMatchObject({ chatId: "7001", key: "service.received_onsite_by_phone", params: { item: "入伙开荒清洁" } });
    const events = await ctx.uow.transaction((store) => store.cases.listEvents(order.id));
    expect(events[0]).toMatchObject({ type: "reported", actor: { type: "staff" }, data: { channel: "phone" } });
    await expect(recordServiceForOwner(ctx, { staffUserId: "UCLEANL", channel: "counter", building: "3", unit: "1202", caller: { residentId: resident.id }, serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 2, preferredTime: "Friday" })).rejects.toMatchObject({ code: "forbidden" });
    expect(ownerNotices(memory).filter((n) => n.key.startsWith("service.received"))).toHaveLength(1);
  });
});
