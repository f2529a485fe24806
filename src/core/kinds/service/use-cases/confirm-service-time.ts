import { transitionCase } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor } from "../../../case/machinery/owner-case-action.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { orderButtons } from "../owner-buttons.js";
import { requireCurrentServiceProposal } from "../proposal-answer.js";
import { alertServiceTeam, noticeServiceOwner, openWorkOrder, ownerServiceStep } from "../service-steps.js";

export interface ConfirmServiceTimeInput extends OwnerCaseInput {
  /** The proposed instant (ISO) the button was shown with. */
  proposedAt?: string;
}

/**
 * The owner confirms the proposed time: now, and not before, the work order (派工单) opens,
 * numbered on from the order's previous ones, and the team is told it is booked.
 */
export async function confirmServiceTime(ctx: WorkflowContext, input: ConfirmServiceTimeInput): Promise<ServiceCase> {
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    const at = requireCurrentServiceProposal(subject, input.proposedAt, now);
    const order = await openWorkOrder(store, subject, at, now, ctx.timeZone);
    const updated = await transitionCase(store, kind, subject, {
      action: "confirm_time",
      event: "time_confirmed",
      actor: ownerActor(subject),
      at: now,
      data: { appointmentAt: at.toISOString(), workOrder: order.number },
    });
    await noticeServiceOwner(store, updated, now, "service.time_confirmed", { at: { instant: at.toISOString() }, workOrder: order.number }, orderButtons(updated.id));
    await alertServiceTeam(store, updated, now, "alerts.service_time_confirmed", { at: { instant: at.toISOString() }, workOrder: order.number });
    return updated;
  });
}
