import type { Actor } from "../../../case/case.js";
import type { CaseKind } from "../../../case/kind.js";
import { transitionCase } from "../../../case/machinery/changes.js";
import { WorkflowError } from "../../../domain/errors.js";
import { type WorkOrder, type WorkOrderStatus, workOrderStatuses } from "../../../domain/work-orders.js";
import type { Store } from "../../../ports/store.js";
import type { ServiceCase } from "../details.js";
import { updateWorkOrder } from "../service-steps.js";
import type { ServiceAction } from "../lifecycle.js";

/** A visit named by an instant as buttons and cards carry it; an unreadable one is a bad input. */
export function visitInstant(value: string | Date): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new WorkflowError("invalid_input", `visit instant ${String(value)} is not an ISO instant`);
  return at;
}

/** Any status: a step that explains its own refusal finds the visit first. */
export const visitStatuses: readonly WorkOrderStatus[] = workOrderStatuses;

/**
 * The package's visit at `visitAt`: the work order scheduled then, or the one proposed to move
 * to then (`by: "proposedAt"`). A visit not found, or no longer in one of `statuses`, is an
 * `expired` press: the owner or the card acted on a visit that has changed since.
 */
export async function requireVisit(
  store: Store,
  subject: ServiceCase,
  visitAt: string | Date,
  statuses: readonly WorkOrderStatus[],
  by: "scheduledAt" | "proposedAt" = "scheduledAt",
): Promise<WorkOrder> {
  const at = visitInstant(visitAt).getTime();
  const orders = await store.workOrders.listByCase(subject.id);
  const found = orders.find((order) => order[by]?.getTime() === at && statuses.includes(order.status));
  if (!found) {
    const other = orders.find((order) => order[by]?.getTime() === at);
    throw new WorkflowError("expired", `visit of ${subject.number} at ${new Date(at).toISOString()} is ${other ? other.status : "not in the register"}`, { number: subject.number });
  }
  return found;
}

export interface VisitChange {
  action: ServiceAction;
  actor: Actor;
  at: Date;
  status: WorkOrderStatus;
  fields?: Partial<WorkOrder>;
  data?: Record<string, unknown>;
}

/**
 * One step of one visit: the work order's new status and fields, and the package's history
 * event of the action (the package stays `active`), its card redrawn, in the caller's transaction.
 */
export async function changeVisit(store: Store, kind: CaseKind, subject: ServiceCase, order: WorkOrder, change: VisitChange): Promise<{ subject: ServiceCase; order: WorkOrder }> {
  const updatedOrder = await updateWorkOrder(store, order, change.at, { ...change.fields, status: change.status });
  const updated = await transitionCase(store, kind, subject, {
    action: change.action,
    actor: change.actor,
    at: change.at,
    data: { workOrder: order.number, visitAt: order.scheduledAt.toISOString(), ...change.data },
  });
  return { subject: updated, order: updatedOrder };
}

/** Visits not yet begun: an ended package cancels them. */
export const notStartedStatuses = ["scheduled", "rescheduling", "proposed"] as const satisfies readonly WorkOrderStatus[];
