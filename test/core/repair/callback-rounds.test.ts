import { describe, expect, it } from "vitest";
import { answerFixed } from "../../../src/core/kinds/repair/use-cases/answer-fixed.js";
import { completeWork } from "../../../src/core/kinds/repair/use-cases/complete-work.js";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { recordCallback } from "../../../src/core/use-cases/record-callback.js";
import { startWork } from "../../../src/core/kinds/repair/use-cases/start-work.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
import { cancelCase } from "../../../src/core/use-cases/cancel-case.js";
import { failLeakTest } from "../../../src/core/kinds/repair/use-cases/fail-leak-test.js";
import { passLeakTest } from "../../../src/core/kinds/repair/use-cases/pass-leak-test.js";
import { createFixture, day, hour, type ManualTime, reportedRepair } from "../../support/workflow-fixture.js";
import { alertsOf, dueAt, finishAt, openCallbackOf } from "./repair-steps.js";

/** From assigned (or new) to done: a time proposed for tomorrow, confirmed, started, finished two hours later. */
async function workRound(ctx: WorkflowContext, time: ManualTime, ticket: RepairCase): Promise<RepairCase> {
  if (ticket.status === "new") await claimCase(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
  await proposeAppointment(ctx, { caseId: ticket.id, staffUserId: "UMAINT1", at: new Date(time.now().getTime() + day) });
  await confirmAppointment(ctx, { caseId: ticket.id, ownerUserId: "7001" });
  time.advance(day);
  await startWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
  time.advance(2 * hour);
  return completeWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
}

/** Three unanswered attempts, each after the work due by then: the callback ends unreachable with the leader. */
async function unreachableRound(ctx: WorkflowContext, time: ManualTime, ticketId: string) {
  time.advance(3 * day);
  await runDueWork(ctx);
  const callback = (await ctx.uow.transaction((store) => store.callbacks.findOpenByCase(ticketId)))!;
  for (let attempt = 1; attempt <= 3; attempt += 1) {
    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt });
    time.advance(day);
    await runDueWork(ctx);
  }
  return callback;
}

describe("a repair's callback rounds", () => {
  it("reopening a repair voids an unreachable round's callback, so its prompt cannot close the reworked repair", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await workRound(ctx, time, ticket);
    const oldRound = await unreachableRound(ctx, time, ticket.id);
    expect((await ctx.uow.transaction((store) => store.callbacks.findById(oldRound.id)))?.status).toBe("unreachable");

    const reopened = await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "no" });
    const reworked = await workRound(ctx, time, reopened);
    expect(reworked.status).toBe("awaiting_callback");

    // The leader's buttons on the old round's prompt are gone, and pressing a copy changes nothing.
    expect((await ctx.uow.transaction((store) => store.callbacks.findById(oldRound.id)))?.status).toBe("cancelled");
    const lastOldPrompt = memory!.snapshot().outbox.map((m) => m.payload).filter((p) => p.type === "staff.case-prompt" && p.subjectId === oldRound.id).at(-1);
    expect(lastOldPrompt).toBeDefined();
    await expect(recordCallback(ctx, { callbackId: oldRound.id, staffUserId: "UFRONTL", outcome: "satisfied", attempt: 4 })).rejects.toMatchObject({ code: "callback_not_open" });
    const after = await ctx.uow.transaction((store) => store.cases.findById(ticket.id));
    expect(after?.status).toBe("awaiting_callback");
    const current = await ctx.uow.transaction((store) => store.callbacks.findOpenByCase(ticket.id));
    expect(current?.id).not.toBe(oldRound.id);
  });

  it("a repair cancelled after its work started still gets its callback, and ends cancelled only when the owner agrees", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await claimCase(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
    await proposeAppointment(ctx, { caseId: ticket.id, staffUserId: "UMAINT1", at: new Date(time.now().getTime() + hour) });
    await confirmAppointment(ctx, { caseId: ticket.id, ownerUserId: "7001" });
    time.advance(hour);
    await startWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });

    const cancelled = await cancelCase(ctx, { caseId: ticket.id, staffUserId: "UMAINTL", reason: "Owner will replace the whole tap" });

    expect(cancelled).toMatchObject({ status: "awaiting_callback", cancelReason: "Owner will replace the whole tap" });
    const callback = (await openCallbackOf(ctx, ticket.id))!;
    expect(callback.dueAt).toEqual(new Date(time.now().getTime() + 2 * day));
    const notices = memory!.snapshot().outbox.map((m) => m.payload).filter((p) => p.type === "owner.notice");
    expect(notices.at(-1)).toMatchObject({ key: "repair.cancelled_pending_callback", params: { reason: "Owner will replace the whole tap" } });
    expect(await dueAt(ctx, time, new Date(time.now().getTime() + day).toISOString())).toEqual(["callback_prompted"]);

    const { ticket: ended } = await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "satisfied", attempt: 1 });
    expect(ended.status).toBe("cancelled");
    const last = memory!.snapshot().outbox.map((m) => m.payload).filter((p) => p.type === "owner.notice").at(-1);
    expect(last).toMatchObject({ key: "repair.cancellation_confirmed" });
  });

  it("an owner who says the cancellation after work started is wrong sends the repair back to its team", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await claimCase(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
    await proposeAppointment(ctx, { caseId: ticket.id, staffUserId: "UMAINT1", at: new Date(time.now().getTime() + hour) });
    await confirmAppointment(ctx, { caseId: ticket.id, ownerUserId: "7001" });
    time.advance(hour);
    await startWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
    await cancelCase(ctx, { caseId: ticket.id, staffUserId: "UFRONT1", reason: "Duplicate request" });
    const callback = (await openCallbackOf(ctx, ticket.id))!;

    const { ticket: back } = await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "not_fixed" });

    expect(back).toMatchObject({ status: "assigned", cancelReason: null, assigneeId: ticket.assigneeId ?? expect.any(String) });
  });

  it("a repair not yet started is cancelled at once, with nothing to call back", async () => {
    const { ctx } = await createFixture();
    const ticket = await reportedRepair(ctx);

    const cancelled = await cancelCase(ctx, { caseId: ticket.id, staffUserId: "UFRONT1", reason: "Reported twice" });

    expect(cancelled.status).toBe("cancelled");
    expect(await openCallbackOf(ctx, ticket.id)).toBeNull();
  });

  it("'Leak test failed' sends the job back to its technician, who agrees a new visit, and opens no callback", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx, { category: "water_leak", description: "Ceiling drips under the bathroom" });
    await finishAt(ctx, time, ticket, "2026-12-01T14:00:00+08:00");
    time.set("2026-12-02T10:00:00+08:00");

    const back = await failLeakTest(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });

    expect(back).toMatchObject({ status: "assigned", details: { completedAt: null, appointmentAt: null } });
    expect(back.assigneeId).not.toBeNull();
    expect(await openCallbackOf(ctx, ticket.id)).toBeNull();
    expect(alertsOf(memory!)).toEqual([expect.objectContaining({ team: "maintenance", key: "alerts.leak_test_failed", mentions: ["UMAINT1"] })]);
    // The stopped leak test clock alerts nobody later.
    expect(await dueAt(ctx, time, "2026-12-05T10:00:00+08:00")).toEqual([]);

    const reworked = await finishAt(ctx, time, back, "2026-12-06T14:00:00+08:00");
    expect(reworked.status).toBe("leak_test_pending");
    time.set("2026-12-06T16:00:00+08:00");
    expect((await passLeakTest(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" })).status).toBe("awaiting_callback");
  });

  it("a leak test not recorded two days after completion alerts the maintenance leader once", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx, { category: "water_leak", description: "Ceiling drips under the bathroom" });
    await finishAt(ctx, time, ticket, "2026-12-01T14:00:00+08:00");

    expect(await dueAt(ctx, time, "2026-12-03T13:59:00+08:00")).toEqual([]);
    expect(await dueAt(ctx, time, "2026-12-03T14:00:00+08:00")).toEqual(["escalated"]);
    expect(await dueAt(ctx, time, "2026-12-04T14:00:00+08:00")).toEqual([]);
    expect(alertsOf(memory!)).toEqual([expect.objectContaining({ team: "maintenance", key: "alerts.leak_test_overdue", mentions: ["UMAINTL"] })]);
  });

  it("a leak test recorded in time stops the maintenance leader's alert", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx, { category: "water_leak", description: "Ceiling drips under the bathroom" });
    await finishAt(ctx, time, ticket, "2026-12-01T14:00:00+08:00");
    time.set("2026-12-03T13:59:00+08:00");
    await passLeakTest(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });

    expect(await dueAt(ctx, time, "2026-12-03T14:00:00+08:00")).toEqual([]);
    expect(alertsOf(memory!)).toEqual([]);
  });
});
