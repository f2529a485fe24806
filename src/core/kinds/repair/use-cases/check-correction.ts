import { requireCase, requireStaff } from "../../../case/machinery/staff-access.js";
import { WorkflowError } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { RepairCase, RepairDetails } from "../details.js";
import { repairFinalStatuses } from "../lifecycle.js";
import { mayCorrectRepair } from "../permissions.js";

/**
 * The checks of {@link correctRepair} without writing: run before the correction modal opens,
 * so someone without the right hears why at the click, not after filling in the form.
 */
export async function checkCorrection(ctx: WorkflowContext, input: { caseId: string; staffUserId: string }): Promise<RepairCase> {
  return ctx.uow.transaction(async (store) => {
    const staff = await requireStaff(store, input.staffUserId);
    const ticket = await requireCase<RepairDetails>(store, input.caseId, "repair");
    if (!mayCorrectRepair(staff, ticket)) throw new WorkflowError("forbidden", `${staff.staffUserId} may not correct ${ticket.number}`, { number: ticket.number, action: "correct" });
    if ((repairFinalStatuses as readonly string[]).includes(ticket.status)) {
      throw new WorkflowError("invalid_transition", `${ticket.number} is ${ticket.status}`, { number: ticket.number, action: "correct", status: ticket.status });
    }
    return ticket;
  });
}
