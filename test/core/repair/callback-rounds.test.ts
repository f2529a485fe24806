import { describe, expect, it } from "vitest";
import { answerFixed } from "../../../src/core/kinds/repair/use-cases/answer-fixed.js";
import { completeWork } from "../../../src/core/kinds/repair/use-cases/complete-work.js";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { recordCallback } from "../../../src/core/kinds/repair/use-cases/record-callback.js";
import { startWork } from "../../../src/core/kinds/repair/use-cases/start-work.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
import { createFixture, day, hour, type ManualTime, reportedRepair } from "../../support/workflow-fixture.js";

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
});
