import type { ChargeLineRequest } from "../../../src/core/kinds/repair/charges.js";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
import { completeWork } from "../../../src/core/kinds/repair/use-cases/complete-work.js";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { startWork } from "../../../src/core/kinds/repair/use-cases/start-work.js";
import type { OutboxPayload } from "../../../src/core/domain/outbox.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import type { MemoryStore } from "../../../src/testing/memory-store.js";
import { hour, type ManualTime } from "../../support/workflow-fixture.js";

/**
 * Claims (if new), agrees a visit an hour before `doneAt`, starts it then and finishes at
 * `doneAt`, recording `chargeLines` (a paid repair's items) when given.
 */
export async function finishAt(ctx: WorkflowContext, time: ManualTime, ticket: RepairCase, doneAt: string, chargeLines?: ChargeLineRequest[]): Promise<RepairCase> {
  const finish = new Date(doneAt);
  if (ticket.status === "new") await claimCase(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
  await proposeAppointment(ctx, { caseId: ticket.id, staffUserId: "UMAINT1", at: new Date(finish.getTime() - hour) });
  await confirmAppointment(ctx, { caseId: ticket.id, ownerUserId: "7001" });
  time.set(new Date(finish.getTime() - hour));
  await startWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
  time.set(finish);
  return completeWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1", ...(chargeLines ? { chargeLines } : {}) });
}

/** Moves the time to `at` and runs the work due then; returns the outcomes that did something. */
export async function dueAt(ctx: WorkflowContext, time: ManualTime, at: string): Promise<string[]> {
  time.set(at);
  return (await runDueWork(ctx)).filter((report) => report.outcome !== "skipped").map((report) => report.outcome);
}

export function alertsOf(memory: MemoryStore): Extract<OutboxPayload, { type: "staff.alert" }>[] {
  return memory.snapshot().outbox.map((message) => message.payload).filter((payload) => payload.type === "staff.alert");
}

export function openCallbackOf(ctx: WorkflowContext, caseId: string) {
  return ctx.uow.transaction((store) => store.callbacks.findOpenByCase(caseId));
}
