import { transitionCase } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor } from "../../../case/machinery/owner-case-action.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { requireNotUnderWay } from "../owner-changes.js";
import { alertServiceTeam, noticeServiceOwner, ownerServiceStep, voidOpenWorkOrders } from "../service-steps.js";

/** The reason recorded when the owner cancels in the bot. */
export const cancelledByOwner = "cancelled by the owner";

/** The owner cancels before the team is on the way: its work order is void and the team is told. */
export async function cancelServiceByOwner(ctx: WorkflowContext, input: OwnerCaseInput): Promise<ServiceCase> {
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    requireNotUnderWay(subject, "cancel");
    const voided = await voidOpenWorkOrders(store, subject.id, now);
    const updated = await transitionCase(store, kind, subject, {
      action: "cancel",
      event: "cancelled_by_owner",
      actor: ownerActor(subject),
      at: now,
      header: { cancelReason: cancelledByOwner },
      data: { voided: voided.map((order) => order.number) },
    });
    await alertServiceTeam(store, updated, now, "alerts.service_cancelled_by_owner");
    await noticeServiceOwner(store, updated, now, "service.cancelled_by_owner");
    return updated;
  });
}
