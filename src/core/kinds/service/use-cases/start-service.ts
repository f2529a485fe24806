import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { WorkflowError } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { startVisit } from "../package/staff-visit-steps.js";
import { currentWorkOrder, noticeServiceOwner, serviceStep, staffActor, transitionWithWorkOrder } from "../service-steps.js";

/**
 * The team sets off or starts the work: only on a confirmed time, with its work order open. From
 * now on the owner can no longer reschedule or cancel in the bot.
 */
export async function startService(ctx: WorkflowContext, input: StaffCaseInput & { visitAt?: string }): Promise<ServiceCase> {
  // A package's visits are worked one work order at a time, named by their scheduled instant.
  if (input.visitAt !== undefined) return startVisit(ctx, { ...input, visitAt: input.visitAt });
  return serviceStep(ctx, input, "start", async (scope) => {
    const { store, subject, kind, now } = scope;
    const order = await currentWorkOrder(store, subject.id);
    if (!order || order.status !== "scheduled") {
      throw new WorkflowError("invalid_transition", `${subject.number} has no confirmed work order`, { number: subject.number, action: "start", status: subject.status });
    }
    const { updated } = await transitionWithWorkOrder(store, kind, subject, { action: "start", actor: staffActor(scope), at: now }, { status: "in_progress", startedAt: now });
    await noticeServiceOwner(store, updated, now, "service.started", { workOrder: order.number });
    return updated;
  });
}
