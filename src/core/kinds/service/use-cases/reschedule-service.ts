import { transitionCase } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor } from "../../../case/machinery/owner-case-action.js";
import { parseInput } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { requireNotUnderWay } from "../owner-changes.js";
import { alertServiceTeam, noticeServiceOwner, ownerServiceStep, voidOpenWorkOrders } from "../service-steps.js";
import { TimeWishSchema } from "./request-other-service-time.js";

export interface RescheduleServiceInput extends OwnerCaseInput {
  wish: string;
}

/**
 * The owner asks for another time before the team is on the way. A proposed or confirmed time
 * is void (its work order cancelled) and the order waits for a new proposal; earlier, the wish
 * goes with the order to the leader.
 */
export async function rescheduleService(ctx: WorkflowContext, input: RescheduleServiceInput): Promise<ServiceCase> {
  const wish = parseInput(TimeWishSchema, input.wish);
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    requireNotUnderWay(subject, "reschedule");
    const timeAgreed = subject.status === "awaiting_confirmation" || subject.status === "scheduled";
    const voided = timeAgreed ? await voidOpenWorkOrders(store, subject.id, now) : [];
    const updated = await transitionCase(store, kind, subject, {
      action: timeAgreed ? "reschedule_time" : "reschedule",
      event: "rescheduled_by_owner",
      actor: ownerActor(subject),
      at: now,
      details: { ownerTimeRequest: wish, ...(timeAgreed ? { appointmentAt: null } : {}) },
      data: { wish, voided: voided.map((order) => order.number) },
    });
    await alertServiceTeam(store, updated, now, "alerts.service_rescheduled", { wish });
    await noticeServiceOwner(store, updated, now, "service.reschedule_noted", { wish });
    return updated;
  });
}
