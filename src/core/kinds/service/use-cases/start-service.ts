import { transitionCase } from "../../../case/machinery/changes.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { WorkflowError } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { currentWorkOrder, noticeServiceOwner, serviceStep, staffActor, updateWorkOrder } from "../service-steps.js";

/**
 * The team sets off or starts the work: only on a confirmed time, with its work order open. From
 * now on the owner can no longer reschedule or cancel in the bot.
 */
export async function startService(ctx: WorkflowContext, input: StaffCaseInput): Promise<ServiceCase> {
  return serviceStep(ctx, input, "start", async (scope) => {
    const { store, subject, kind, now } = scope;
    const order = await currentWorkOrder(store, subject.id);
    if (!order || order.status !== "scheduled") {
      throw new WorkflowError("invalid_transition", `${subject.number} has no confirmed work order`, { number: subject.number, action: "start", status: subject.status });
    }
    await updateWorkOrder(store, order, now, { status: "in_progress", startedAt: now });
    const updated = await transitionCase(store, kind, subject, { action: "start", actor: staffActor(scope), at: now, data: { workOrder: order.number } });
    await noticeServiceOwner(store, updated, now, "service.started", { workOrder: order.number });
    return updated;
  });
}
