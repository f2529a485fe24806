import { describe, expect, it } from "vitest";
import { WorkflowError } from "../../src/core/domain/errors.js";
import { answerFixed } from "../../src/core/kinds/repair/use-cases/answer-fixed.js";
import { claimCase } from "../../src/core/use-cases/claim-case.js";
import { completeWork } from "../../src/core/kinds/repair/use-cases/complete-work.js";
import { confirmAppointment } from "../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { passLeakTest } from "../../src/core/kinds/repair/use-cases/pass-leak-test.js";
import { proposeAppointment } from "../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { recordCallback } from "../../src/core/use-cases/record-callback.js";
import { runDueWork } from "../../src/core/use-cases/run-due-work.js";
import { startWork } from "../../src/core/kinds/repair/use-cases/start-work.js";
import type { WorkflowContext } from "../../src/core/ports/workflow-context.js";
import type { RepairCase as Ticket } from "../../src/core/kinds/repair/details.js";
import { createFixture, day, hour, type ManualTime, reportedRepair } from "../support/workflow-fixture.js";

async function workUntilDone(ctx: WorkflowContext, ticket: Ticket, advance: (ms: number) => void): Promise<Ticket> {
  await claimCase(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
  await proposeAppointment(ctx, { caseId: ticket.id, staffUserId: "UMAINT1", at: new Date(ctx.time.now().getTime() + day) });
  await confirmAppointment(ctx, { caseId: ticket.id, ownerUserId: ticket.reporterUserId ?? "" });
  advance(day);
  await startWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
  advance(2 * hour);
  return completeWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
}

/** Works the ticket to completion (12-01 12:00 Shanghai) and lets a day pass, so its callback prompt has gone out. */
async function promptedCallback(ctx: WorkflowContext, ticket: Ticket, time: ManualTime) {
  await workUntilDone(ctx, ticket, (ms) => time.advance(ms));
  time.advance(day);
  await runDueWork(ctx);
  return (await openCallbackOf(ctx, ticket.id))!;
}

async function openCallbackOf(ctx: WorkflowContext, ticketId: string) {
  return ctx.uow.transaction((store) => store.callbacks.findOpenByCase(ticketId));
}

describe("the repair loop", () => {
  it("numbers a reported repair R-<year>-<six digits> and tells the maintenance channel and the owner", async () => {
    const { ctx, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);

    expect(ticket.number).toBe("R-2026-000001");
    expect(ticket.status).toBe("new");
    expect(ticket.details.billing).toBe("warranty");
    const outbox = memory!.snapshot().outbox.map((message) => message.payload);
    expect(outbox).toContainEqual({ type: "staff.case-card", team: "maintenance", caseId: ticket.id });
    expect(outbox).toContainEqual(expect.objectContaining({ type: "owner.notice", key: "repair.received", chatId: "7001", locale: "zh-CN" }));
  });

  it("an ordinary repair's callback is prompted to the front desk one day after completion, not before, and is due two days after it", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    const done = await workUntilDone(ctx, ticket, (ms) => time.advance(ms));
    expect(done.status).toBe("awaiting_callback");
    expect((await openCallbackOf(ctx, ticket.id))?.dueAt.getTime()).toBe(done.details.completedAt!.getTime() + 2 * day);

    time.set(new Date(done.details.completedAt!.getTime() + day - 60_000));
    expect((await runDueWork(ctx)).filter((r) => r.outcome !== "skipped")).toEqual([]);

    time.set(new Date(done.details.completedAt!.getTime() + day));
    const reports = await runDueWork(ctx);
    expect(reports.map((r) => r.outcome)).toEqual(["callback_prompted"]);
    // The waiting card posted at completion, then the same card redrawn as the prompt.
    const prompts = memory!.snapshot().outbox.filter((m) => m.payload.type === "staff.case-prompt");
    expect(prompts).toHaveLength(2);
  });

  it("a leak repair's callback is due three days after the leak test, which follows completion", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx, { category: "water_leak", description: "Ceiling drips under the bathroom" });
    const done = await workUntilDone(ctx, ticket, (ms) => time.advance(ms));
    expect(done.status).toBe("leak_test_pending");
    expect(await openCallbackOf(ctx, ticket.id)).toBeNull();

    const testedAt = time.advance(day);
    const tested = await passLeakTest(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
    expect(tested.status).toBe("awaiting_callback");
    const callback = await openCallbackOf(ctx, ticket.id);
    expect(callback?.dueAt.toISOString()).toBe(new Date(testedAt.getTime() + 3 * day).toISOString());
  });

  it("a safety facility repair's callback is due two days after completion", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx, { category: "safety", description: "Smoke detector beeps" });
    const done = await workUntilDone(ctx, ticket, (ms) => time.advance(ms));
    expect((await openCallbackOf(ctx, ticket.id))?.dueAt.getTime()).toBe(done.details.completedAt!.getTime() + 2 * day);
  });

  it("reached and satisfied closes the ticket, and every step is in its history", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await workUntilDone(ctx, ticket, (ms) => time.advance(ms));
    time.advance(day);
    await runDueWork(ctx);
    const callback = await openCallbackOf(ctx, ticket.id);

    const { ticket: closed } = await recordCallback(ctx, { callbackId: callback!.id, staffUserId: "UFRONT1", outcome: "satisfied" });

    expect(closed.status).toBe("closed");
    const events = await ctx.uow.transaction((store) => store.cases.listEvents(ticket.id));
    expect(events.map((e) => e.type)).toEqual([
      "reported",
      "claim",
      "propose_time",
      "time_confirmed",
      "start",
      "completed",
      "callback_prompted",
      "callback_recorded",
    ]);
    expect(events.at(-1)).toMatchObject({ fromStatus: "awaiting_callback", toStatus: "closed" });
  });

  it("a callback not recorded by the end of its window alerts the front desk leader once, with a mention", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    const done = await workUntilDone(ctx, ticket, (ms) => time.advance(ms));

    time.set(new Date(done.details.completedAt!.getTime() + 2 * day - 60_000));
    expect((await runDueWork(ctx)).map((r) => r.outcome).filter((o) => o !== "skipped")).toEqual(["callback_prompted"]);
    time.set(new Date(done.details.completedAt!.getTime() + 2 * day));
    const reports = await runDueWork(ctx);
    expect(reports.map((r) => r.outcome)).toEqual(["escalated"]);
    time.advance(day);
    expect((await runDueWork(ctx)).filter((r) => r.outcome === "escalated")).toEqual([]);

    const alerts = memory!.snapshot().outbox.map((m) => m.payload).filter((p) => p.type === "staff.alert");
    expect(alerts).toEqual([expect.objectContaining({ team: "frontdesk", key: "alerts.callback_overdue", mentions: ["UFRONTL"] })]);
  });

  it("no answer retries four hours later, and the third unanswered attempt goes to the front desk leader", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    const callback = await promptedCallback(ctx, ticket, time);

    // 12-02 12:00 Shanghai: the retry at 16:00 is within working hours.
    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer" });
    time.advance(4 * hour - 60_000);
    expect((await runDueWork(ctx)).map((r) => r.outcome)).toEqual([]);
    time.advance(60_000);
    expect((await runDueWork(ctx)).map((r) => r.outcome)).toEqual(["callback_prompted"]);
    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer" });
    time.advance(4 * hour);
    await runDueWork(ctx);
    const third = await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer" });

    expect(third.callback).toMatchObject({ status: "unreachable", attempts: 3 });
    const alerts = memory!.snapshot().outbox.map((m) => m.payload).filter((p) => p.type === "staff.alert");
    expect(alerts).toEqual([expect.objectContaining({ key: "alerts.callback_unreachable", mentions: ["UFRONTL"] })]);

    await expect(recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "satisfied" })).rejects.toMatchObject({ code: "forbidden" });
    const { ticket: closed } = await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONTL", outcome: "satisfied", attempt: 4 });
    expect(closed.status).toBe("closed");
  });

  it("an owner's 'not fixed' reopens the ticket to its assignee at once, alerts the channel and voids the pending callback", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await workUntilDone(ctx, ticket, (ms) => time.advance(ms));

    const reopened = await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "no" });

    expect(reopened).toMatchObject({ status: "assigned", details: { ownerFixedAnswer: "no" } });
    expect(await openCallbackOf(ctx, ticket.id)).toBeNull();
    const alert = memory!.snapshot().outbox.map((m) => m.payload).find((p) => p.type === "staff.alert");
    expect(alert).toMatchObject({ team: "maintenance", key: "alerts.owner_not_fixed", mentions: ["UMAINT1"] });
    time.advance(3 * day);
    expect((await runDueWork(ctx)).every((r) => r.outcome === "skipped")).toBe(true);
  });

  it("an owner's 'not fixed' after the callback prompt went out redraws the prompt without its buttons", async () => {
    const { ctx, time, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    const callback = await promptedCallback(ctx, ticket, time);

    await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "no" });

    const prompts = memory!.snapshot().outbox.map((m) => m.payload).filter((p) => p.type === "staff.case-prompt");
    // One card per callback: posted waiting at completion, the prompt when due, void after the reopening.
    const card = { type: "staff.case-prompt", team: "frontdesk", caseId: ticket.id, prompt: "callback", subjectId: callback.id, attempt: 1 };
    expect(prompts).toEqual([card, card, card]);
    expect((await ctx.uow.transaction((store) => store.callbacks.findById(callback.id)))?.status).toBe("cancelled");
  });

  it("a late 'Fixed?' answer on a closed ticket changes nothing", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await workUntilDone(ctx, ticket, (ms) => time.advance(ms));
    const callback = (await openCallbackOf(ctx, ticket.id))!;
    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "satisfied" });

    await expect(answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "no" })).rejects.toMatchObject({ code: "invalid_transition" });
    expect((await ctx.uow.transaction((store) => store.cases.findById(ticket.id)))?.status).toBe("closed");
  });

  it("two receptionists answering the same prompt count one attempt; the second is told it changed", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    const callback = await promptedCallback(ctx, ticket, time);

    await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "no_answer", attempt: 1 });
    await expect(recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONTL", outcome: "no_answer", attempt: 1 })).rejects.toMatchObject({ code: "conflict" });
    expect((await ctx.uow.transaction((store) => store.callbacks.findById(callback.id)))?.attempts).toBe(1);
  });

  it("reached but not fixed sends the ticket straight back to maintenance for rectification", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await workUntilDone(ctx, ticket, (ms) => time.advance(ms));
    const callback = (await openCallbackOf(ctx, ticket.id))!;

    const { ticket: back } = await recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "not_fixed" });

    expect(back.status).toBe("assigned");
    expect(back.assigneeId).not.toBeNull();
  });
});

describe("who may act", () => {
  it("a Slack user who is not staff changes nothing and gets not_staff", async () => {
    const { ctx, memory } = await createFixture();
    const ticket = await reportedRepair(ctx);
    const before = memory!.commits();

    await expect(claimCase(ctx, { caseId: ticket.id, staffUserId: "USTRANGER" })).rejects.toMatchObject({ code: "not_staff" });
    expect(memory!.commits()).toBe(before);
  });

  it("a cleaner cannot claim a maintenance ticket", async () => {
    const { ctx } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await expect(claimCase(ctx, { caseId: ticket.id, staffUserId: "UCLEAN1" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("work cannot start before the owner has confirmed a visit time", async () => {
    const { ctx } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await claimCase(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
    const error = await startWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowError);
    expect(error).toMatchObject({ code: "invalid_transition" });
  });

  it("only the front desk records callbacks", async () => {
    const { ctx, time } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await workUntilDone(ctx, ticket, (ms) => time.advance(ms));
    const callback = (await openCallbackOf(ctx, ticket.id))!;
    await expect(recordCallback(ctx, { callbackId: callback.id, staffUserId: "UMAINT1", outcome: "satisfied" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("an owner cannot confirm a time on somebody else's ticket", async () => {
    const { ctx } = await createFixture();
    const ticket = await reportedRepair(ctx);
    await expect(confirmAppointment(ctx, { caseId: ticket.id, ownerUserId: "9999" })).rejects.toMatchObject({ code: "not_found" });
  });
});
