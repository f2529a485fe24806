import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { completeVisit } from "../package/staff-visit-steps.js";
import { workButtons } from "../owner-buttons.js";
import { noticeServiceOwner, serviceStep, staffActor, transitionWithWorkOrder } from "../service-steps.js";

/**
 * The team is done (完工): the order returns to the owner, who inspects and accepts the work or
 * reports a problem; the fee and the callback follow the acceptance.
 */
export async function completeService(ctx: WorkflowContext, input: StaffCaseInput & { visitAt?: string }): Promise<ServiceCase> {
  // A package's visits are worked one work order at a time, named by their scheduled instant.
  if (input.visitAt !== undefined) return completeVisit(ctx, { ...input, visitAt: input.visitAt });
  return serviceStep(ctx, input, "done", async (scope) => {
    const { store, subject, kind, now } = scope;
    const { updated } = await transitionWithWorkOrder(
      store,
      kind,
      subject,
      { action: "done", event: "completed", actor: staffActor(scope), at: now, details: { completedAt: now } },
      { status: "done", completedAt: now, problemReport: null },
    );
    await noticeServiceOwner(store, updated, now, "service.done", {}, workButtons(updated.id));
    return updated;
  });
}
