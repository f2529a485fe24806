import { transitionCase } from "../../../case/machinery/changes.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { WorkflowError } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { timeButtons } from "../owner-buttons.js";
import { noticeServiceOwner, serviceStep, staffActor, voidOpenWorkOrders } from "../service-steps.js";

export interface ProposeServiceTimeInput extends StaffCaseInput {
  at: Date;
}

/**
 * The leader proposes when the team comes (约时): the owner's preferred time was a wish, this is
 * a proposal the owner confirms or answers with another wish (PROCEDURES.md §4: the time is
 * confirmed with the owner before the work order opens). The price must be agreed first; a new
 * proposal replaces the last one, and voids a work order already confirmed.
 */
export async function proposeServiceTime(ctx: WorkflowContext, input: ProposeServiceTimeInput): Promise<ServiceCase> {
  return serviceStep(ctx, input, "propose_time", async (scope) => {
    const { store, subject, kind, now } = scope;
    if (subject.details.isPackage || subject.details.agreedFen === null) {
      throw new WorkflowError("invalid_transition", `${subject.number} has no agreed price to propose a time for`, { number: subject.number, action: "propose_time", status: subject.status });
    }
    if (input.at.getTime() <= now.getTime()) throw new WorkflowError("time_in_past", `proposed ${input.at.toISOString()} is not after ${now.toISOString()}`);
    const voided = subject.status === "scheduled" ? await voidOpenWorkOrders(store, subject.id, now) : [];
    const updated = await transitionCase(store, kind, subject, {
      action: "propose_time",
      actor: staffActor(scope),
      at: now,
      details: { appointmentAt: input.at, ownerTimeRequest: null },
      data: { appointmentAt: input.at.toISOString(), voided: voided.map((order) => order.number) },
    });
    await noticeServiceOwner(store, updated, now, "service.time_proposed", { at: { instant: input.at.toISOString() } }, timeButtons(updated.id, input.at));
    return updated;
  });
}
