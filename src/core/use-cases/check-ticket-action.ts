import type { TicketAction } from "../domain/lifecycle.js";
import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { checkedStaffTicket, type StaffTicketInput } from "./shared/staff-ticket-action.js";

/**
 * The checks of a staff action without the action, writing nothing: run before a modal opens,
 * so someone without the right hears why at the click instead of after filling a form. The
 * submission runs the real use case, which checks again.
 */
export async function checkTicketAction(ctx: WorkflowContext, input: StaffTicketInput, action: TicketAction): Promise<Ticket> {
  return ctx.uow.transaction(async (store) => (await checkedStaffTicket(store, input, action)).ticket);
}
