import { transitionCase } from "../../../case/machinery/changes.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { workButtons } from "../owner-buttons.js";
import { currentWorkOrder, noticeServiceOwner, serviceStep, staffActor, updateWorkOrder } from "../service-steps.js";

/**
 * The team is done (完工): the order returns to the owner, who inspects and accepts the work or
 * reports a problem; the fee and the callback follow the acceptance.
 */
export async function completeService(ctx: WorkflowContext, input: StaffCaseInput): Promise<ServiceCase> {
  return serviceStep(ctx, input, "done", async (scope) => {
    const { store, subject, kind, now } = scope;
    const order = await currentWorkOrder(store, subject.id);
    if (order) await updateWorkOrder(store, order, now, { status: "done", completedAt: now, problemReport: null });
    const updated = await transitionCase(store, kind, subject, {
      action: "done",
      event: "completed",
      actor: staffActor(scope),
      at: now,
      details: { completedAt: now },
      data: { workOrder: order?.number ?? null },
    });
    await noticeServiceOwner(store, updated, now, "service.done", {}, workButtons(updated.id));
    return updated;
  });
}
