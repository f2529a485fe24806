import type { WorkOrder } from "../../../domain/work-orders.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";

/** A service order's work orders (its register), by sequence. */
export function listWorkOrders(ctx: WorkflowContext, caseId: string): Promise<WorkOrder[]> {
  return ctx.uow.transaction((store) => store.workOrders.listByCase(caseId));
}
