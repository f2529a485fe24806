import { describe, expect, it } from "vitest";
import { WorkflowError } from "../../../src/core/domain/errors.js";
import { reminderRunTask } from "../../../src/core/kinds/fee/reminder-run.js";
import { acknowledgeFee, disputeFee, giveOverdueReason, promiseFee } from "../../../src/core/kinds/fee/use-cases/answer-reminder.js";
import { settleIfPaid } from "../../../src/core/kinds/fee/use-cases/settle-if-paid.js";
import { recordPayment } from "../../../src/core/use-cases/fees/record-payment.js";
import { cancelCase } from "../../../src/core/use-cases/cancel-case.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { createFixture, unitRow, verifiedOwner } from "../../support/workflow-fixture.js";
import { addCharges, createFeeFixture, feeCaseOf, payloadsOf, reminders, runDaily, runOn } from "./fee-steps.js";

const september = { period: "2026-09", amountFen: 25_000, dueDate: "2026-09-30" };

describe("the fee reminder run", () => {
  it("reminds 3 days before the due date, on it, the day after, then every 7 days, and on no other day", async () => {
    const { ctx, time, memory, unitA } = await createFeeFixture("2026-09-26T09:00:00+08:00");
    await addCharges(ctx, unitA, [september]);
    const sent = await runDaily(ctx, time, memory, "2026-09-26", "2026-10-15");
    expect(sent).toEqual({
      "2026-09-27": "fee.reminder.before_due",
      "2026-09-30": "fee.reminder.due",
      "2026-10-01": "fee.reminder.overdue",
      "2026-10-08": "fee.reminder.overdue",
      "2026-10-15": "fee.reminder.overdue",
    });
  });

  it("lists each period, fee type, amount and due date with the total, quiet, with the owner's buttons", async () => {
    const { ctx, time, memory, unitA } = await createFeeFixture("2026-09-26T09:00:00+08:00");
    await addCharges(ctx, unitA, [
      { period: "2026-09", amountFen: 25_000, dueDate: "2026-09-30" },
      { feeType: "elevator", period: "2026-09", amountFen: 3_050, dueDate: "2026-09-30" },
    ]);
    await runOn(ctx, time, "2026-09-27");
    const [notice] = reminders(memory);
    expect(notice?.quiet).toBe(true);
    expect(String(notice?.params.lines).split("\n")).toEqual(["2026-09 电梯费: ¥30.50 (截止 2026-09-30)", "2026-09 物业费: ¥250.00 (截止 2026-09-30)"]);
    expect(notice?.params.total).toBe("¥280.50");
    const file = await feeCaseOf(ctx, unitA);
    expect(notice?.params.number).toBe(file?.number);
    expect(file?.number).toBe("F-2026-000001");
    // Before the due date: Acknowledge, three dates (in 3 days, in 7 days, the month's end, each the end of that day in Shanghai), Dispute; no reasons yet.
    expect(notice?.buttons.map((button) => `${button.action}${button.arg ? ` ${button.arg}` : ""}`)).toEqual([
      "ack",
      "pay_by 2026-09-30T15:59:59.000Z",
      "pay_by 2026-10-04T15:59:59.000Z",
      "dispute",
    ]);
  });

  it("works a long register a page per job, each committed on its own, and reaches every household the same day", async () => {
    const units = Array.from({ length: 205 }, (_, index) => unitRow({ unit: String(1000 + index), phone: `+86138${String(index).padStart(8, "0")}` }));
    const { ctx, time, memory } = await createFixture({ at: "2026-10-01T09:00:00+08:00", units });
    if (!memory) throw new Error("the fixture runs on the memory store");
    const unitIds = await ctx.uow.transaction(async (store) => Promise.all(units.map(async (row) => (await store.units.findByAddress(row.building, row.unit))!.id)));
    for (const unitId of unitIds) await addCharges(ctx, unitId, [september]);
    time.set("2026-10-01T10:00:00+08:00");
    await ctx.uow.transaction((store) => store.jobs.enqueue({ id: "run", runAt: time.now(), payload: { type: "task", task: reminderRunTask, caseId: null, data: {} } }));

    const reports = (await runDueWork(ctx)).filter((report) => report.task === reminderRunTask);

    // Nobody here is on the bot: every household lands on the call list, in two pages of one job each.
    expect(reports.map((report) => report.detail)).toEqual([
      "0 households reminded, 200 on the call list on 2026-10-01; the next page follows",
      "0 households reminded, 5 on the call list on 2026-10-01",
    ]);
    const files = memory.snapshot().cases.filter((subject) => subject.kind === "fee");
    expect(new Set(files.map((file) => file.unitId))).toEqual(new Set(unitIds));
  });

  it("a process told to stop ends the run after the page in hand, and the next page is still due for whoever ticks next", async () => {
    const units = Array.from({ length: 205 }, (_, index) => unitRow({ unit: String(1000 + index), phone: `+86138${String(index).padStart(8, "0")}` }));
    const { ctx, time } = await createFixture({ at: "2026-10-01T09:00:00+08:00", units });
    const unitIds = await ctx.uow.transaction(async (store) => Promise.all(units.map(async (row) => (await store.units.findByAddress(row.building, row.unit))!.id)));
    for (const unitId of unitIds) await addCharges(ctx, unitId, [september]);
    time.set("2026-10-01T10:00:00+08:00");
    await ctx.uow.transaction((store) => store.jobs.enqueue({ id: "run", runAt: time.now(), payload: { type: "task", task: reminderRunTask, caseId: null, data: {} } }));

    // The stop comes while the first page runs: asked before the next claim, it is already true.
    let asked = 0;
    const stopped = (await runDueWork(ctx, { shouldStop: () => asked++ > 0 })).filter((report) => report.task === reminderRunTask);
    const afterRestart = (await runDueWork(ctx)).filter((report) => report.task === reminderRunTask);

    expect(stopped.map((report) => report.detail)).toEqual(["0 households reminded, 200 on the call list on 2026-10-01; the next page follows"]);
    expect(afterRestart.map((report) => report.detail)).toEqual(["0 households reminded, 5 on the call list on 2026-10-01"]);
  });

  it("sends no second reminder the same day when the run runs again", async () => {
    const { ctx, time, memory, unitA } = await createFeeFixture("2026-09-26T09:00:00+08:00");
    await addCharges(ctx, unitA, [september]);
    await runOn(ctx, time, "2026-09-27");
    time.set("2026-09-27T16:00:00+08:00");
    await ctx.uow.transaction((store) => store.jobs.enqueue({ id: "again", runAt: time.now(), payload: { type: "task", task: reminderRunTask, caseId: null, data: {} } }));
    const reports = await runDueWork(ctx);
    expect(reports.map((report) => report.jobId === "again" && report.detail)).toContain("0 households reminded, 0 on the call list on 2026-09-27");
    expect(reminders(memory)).toHaveLength(1);
  });

  it("asks an overdue owner why, and records the reason with its time", async () => {
    const { ctx, time, memory, unitA } = await createFeeFixture("2026-09-29T09:00:00+08:00");
    await addCharges(ctx, unitA, [september]);
    await runOn(ctx, time, "2026-09-30");
    const before = await feeCaseOf(ctx, unitA);
    await expect(giveOverdueReason(ctx, { ownerUserId: "7001", caseId: before!.id, reason: "forgot" })).rejects.toThrow(WorkflowError);
    await runOn(ctx, time, "2026-10-01");
    const overdue = reminders(memory).at(-1);
    expect(overdue?.buttons.filter((button) => button.action.startsWith("reason.")).map((button) => button.action)).toEqual([
      "reason.forgot",
      "reason.financial_difficulty",
      "reason.disagree",
      "reason.not_living",
      "reason.other",
    ]);
    time.set("2026-10-01T12:30:00+08:00");
    const answered = await giveOverdueReason(ctx, { ownerUserId: "7001", caseId: before!.id, reason: "financial_difficulty" });
    expect(answered.details.overdueReason).toBe("financial_difficulty");
    expect(answered.details.stage).toBe("overdue");
    const events = await ctx.uow.transaction((store) => store.cases.listEvents(before!.id));
    expect(events.filter((event) => event.type === "reason_given").map((event) => [event.at.toISOString(), event.data.reason])).toEqual([["2026-10-01T04:30:00.000Z", "financial_difficulty"]]);
  });

  it("keeps an acknowledgement as evidence and goes on reminding", async () => {
    const { ctx, time, memory, unitA } = await createFeeFixture("2026-09-29T09:00:00+08:00");
    await addCharges(ctx, unitA, [september]);
    await runOn(ctx, time, "2026-09-30");
    const file = await feeCaseOf(ctx, unitA);
    time.set("2026-09-30T11:00:00+08:00");
    await acknowledgeFee(ctx, { ownerUserId: "7001", caseId: file!.id });
    const sent = await runDaily(ctx, time, memory, "2026-10-01", "2026-10-01");
    expect(sent).toEqual({ "2026-10-01": "fee.reminder.overdue" });
    const events = await ctx.uow.transaction((store) => store.cases.listEvents(file!.id));
    expect(events.find((event) => event.type === "acknowledged")?.at.toISOString()).toBe("2026-09-30T03:00:00.000Z");
  });

  it("pauses a promised charge until the day after the promised date", async () => {
    const { ctx, time, memory, unitA } = await createFeeFixture("2026-09-30T09:00:00+08:00");
    await addCharges(ctx, unitA, [september]);
    await runOn(ctx, time, "2026-10-01");
    const file = await feeCaseOf(ctx, unitA);
    const inSevenDays = reminders(memory).at(-1)?.buttons.filter((button) => button.action === "pay_by")[1]?.arg;
    expect(inSevenDays).toBe("2026-10-08T15:59:59.000Z");
    time.set("2026-10-01T10:05:00+08:00");
    await promiseFee(ctx, { ownerUserId: "7001", caseId: file!.id, payBy: inSevenDays! });
    expect(payloadsOf(memory, "owner.notice").at(-1)).toMatchObject({ key: "fee.promised", params: { date: "2026-10-08" } });
    // 10-08 is a weekly reminder day, but the promise runs to its end; the day after it the owner hears again.
    const sent = await runDaily(ctx, time, memory, "2026-10-02", "2026-10-15");
    expect(sent).toEqual({ "2026-10-09": "fee.reminder.overdue", "2026-10-15": "fee.reminder.overdue" });
  });

  it("opens a linked complaint about fees on a dispute and pauses the charge until it is closed", async () => {
    const { ctx, time, memory, unitA } = await createFeeFixture("2026-09-30T09:00:00+08:00");
    const [charge] = await addCharges(ctx, unitA, [september]);
    await runOn(ctx, time, "2026-10-01");
    const file = await feeCaseOf(ctx, unitA);
    time.set("2026-10-01T11:00:00+08:00");
    await disputeFee(ctx, { ownerUserId: "7001", caseId: file!.id, words: "The lift was out of order all September" });
    const stored = await ctx.uow.transaction((store) => store.charges.findById(charge!.id));
    const complaint = await ctx.uow.transaction((store) => store.cases.findById(stored!.disputeCaseId!));
    expect(complaint).toMatchObject({ kind: "complaint", status: "received", linkedCaseId: file!.id, reporterUserId: "7001", details: { subject: "fees", description: "The lift was out of order all September" } });
    expect(payloadsOf(memory, "owner.notice").at(-1)).toMatchObject({ key: "fee.disputed", params: { complaint: complaint!.number } });
    expect(await runDaily(ctx, time, memory, "2026-10-02", "2026-10-15")).toEqual({});
    time.set("2026-10-16T09:00:00+08:00");
    await cancelCase(ctx, { caseId: complaint!.id, staffUserId: "UFRONT1", reason: "Explained the lift charge; the owner withdrew" });
    expect(await runDaily(ctx, time, memory, "2026-10-16", "2026-10-22")).toEqual({ "2026-10-22": "fee.reminder.overdue" });
  });

  it("settles the file at once when a payment at the front desk leaves nothing due, and reminds no more", async () => {
    const { ctx, time, memory, unitA } = await createFeeFixture("2026-09-30T09:00:00+08:00");
    await addCharges(ctx, unitA, [september]);
    await runOn(ctx, time, "2026-10-01");
    const file = await feeCaseOf(ctx, unitA);
    time.set("2026-10-03T15:00:00+08:00");
    const pay = (amountFen: number) => recordPayment(ctx, { staffUserId: "UFRONT1", unitId: unitA, feeType: "property", period: "2026-09", amountFen, paidAt: time.now() });
    const part = await pay(10_000);
    expect(part.caseId).toBe(file!.id);
    expect((await feeCaseOf(ctx, unitA))?.status).toBe("open");
    const rest = await pay(15_000);
    expect(rest.receipt).toMatchObject({ number: "RC-2026-000002", caseId: file!.id });
    const settled = await ctx.uow.transaction((store) => store.cases.findById(file!.id));
    expect(settled).toMatchObject({ status: "settled", closedAt: time.now() });
    const events = await ctx.uow.transaction((store) => store.cases.listEvents(file!.id));
    expect(events.filter((event) => event.type === "payment_recorded").map((event) => event.data.receipt)).toEqual(["RC-2026-000001", "RC-2026-000002"]);
    expect(await feeCaseOf(ctx, unitA)).toBeNull();
    expect(await runDaily(ctx, time, memory, "2026-10-04", "2026-10-15")).toEqual({});
    // New arrears are a new file with a new number.
    await addCharges(ctx, unitA, [{ period: "2026-10", amountFen: 25_000, dueDate: "2026-10-31" }]);
    await runDaily(ctx, time, memory, "2026-10-16", "2026-10-28");
    expect((await feeCaseOf(ctx, unitA))?.number).toBe("F-2026-000002");
  });

  it("settles through settleIfPaid only when nothing due is left", async () => {
    const { ctx, time, unitA } = await createFeeFixture("2026-09-30T09:00:00+08:00");
    const [charge] = await addCharges(ctx, unitA, [september]);
    await runOn(ctx, time, "2026-10-01");
    const settle = (paidFen: number) =>
      ctx.uow.transaction(async (store) => {
        await store.charges.save({ ...charge!, paidFen, updatedAt: time.now() });
        return settleIfPaid(store, unitA, time.now(), ctx.timeZone);
      });
    expect(await settle(24_999)).toBeNull();
    expect(await settle(25_000)).toMatchObject({ status: "settled" });
  });

  it("opens a new file for the household's next reminder once the front desk cancels its file", async () => {
    const { ctx, time, memory, unitA } = await createFeeFixture("2026-09-30T09:00:00+08:00");
    await addCharges(ctx, unitA, [september]);
    await runOn(ctx, time, "2026-10-01");
    const file = await feeCaseOf(ctx, unitA);
    time.set("2026-10-02T09:00:00+08:00");
    await cancelCase(ctx, { caseId: file!.id, staffUserId: "UFRONT1", reason: "Charged to the wrong unit; the finance office re-issues it" });
    expect(await feeCaseOf(ctx, unitA)).toBeNull();
    await runDaily(ctx, time, memory, "2026-10-02", "2026-10-08");
    expect((await feeCaseOf(ctx, unitA))?.number).toBe("F-2026-000002");
  });

  it("sends nothing to a household without an identity and keeps it on the call list", async () => {
    const { ctx, time, memory, unitB } = await createFeeFixture("2026-09-30T09:00:00+08:00");
    await addCharges(ctx, unitB, [september]);
    await runOn(ctx, time, "2026-10-01");
    expect(reminders(memory)).toEqual([]);
    const file = await feeCaseOf(ctx, unitB);
    expect(file).toMatchObject({ reporterUserId: null, details: { stage: "overdue", lastReminderKind: "call_list" } });
    // The owner joins the bot: the next weekly reminder reaches them.
    await verifiedOwner(ctx, "7002", "+8613800000002");
    await runDaily(ctx, time, memory, "2026-10-02", "2026-10-08");
    expect(reminders(memory).map((notice) => [notice.chatId, notice.key])).toEqual([["7002", "fee.reminder.overdue"]]);
    expect((await feeCaseOf(ctx, unitB))?.reporterUserId).toBe("7002");
  });
});
