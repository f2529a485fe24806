import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { type StaffTicketInput, staffTicketAction } from "./shared/staff-ticket-action.js";
import { noticeOwner, transitionTicket } from "./shared/ticket-changes.js";

/** The technician is on site at the confirmed time. */
export async function startWork(ctx: WorkflowContext, input: StaffTicketInput): Promise<Ticket> {
  return staffTicketAction(ctx, input, "start", async (store, staff, ticket, now) => {
    const updated = await transitionTicket(store, ticket, { action: "start", actor: { type: "staff", id: staff.id }, at: now });
    await noticeOwner(store, updated, now, "repair.started");
    return updated;
  });
}
