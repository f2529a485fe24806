import type { TicketAction } from "../../../core/domain/lifecycle.js";
import { nextStatus } from "../../../core/domain/lifecycle.js";
import type { Ticket } from "../../../core/domain/ticket.js";
import type { WorkflowContext } from "../../../core/ports/workflow-context.js";
import { requirePermission, requireStaff, requireTicket } from "../../../core/use-cases/shared/staff-access.js";
import type { StaffTicketInput } from "../../../core/use-cases/shared/staff-ticket-action.js";

/**
 * The core's checks for a staff action, without the action: run before opening a modal, so a
 * stranger or a member without the right gets the explanation at the click instead of after
 * filling the form. The submission runs the real use case, which checks again.
 */
export function checkStaffAction(workflow: WorkflowContext, input: StaffTicketInput, action: TicketAction): Promise<Ticket> {
  return workflow.uow.transaction(async (store) => {
    const staff = await requireStaff(store, input.slackUserId);
    const ticket = await requireTicket(store, input.ticketId);
    nextStatus(ticket, action);
    requirePermission(staff, action, ticket);
    return ticket;
  });
}
