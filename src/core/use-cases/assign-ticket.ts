import { WorkflowError } from "../domain/errors.js";
import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { type StaffTicketInput, staffTicketAction } from "./shared/staff-ticket-action.js";
import { noticeOwner, transitionTicket } from "./shared/ticket-changes.js";

export interface AssignTicketInput extends StaffTicketInput {
  /** Staff id of the team member who gets the work. */
  assigneeId: string;
}

/** A leader or the front desk gives the ticket to a member of the ticket's team. */
export async function assignTicket(ctx: WorkflowContext, input: AssignTicketInput): Promise<Ticket> {
  return staffTicketAction(ctx, input, "assign", async (store, staff, ticket, now) => {
    const assignee = await store.staff.findById(input.assigneeId);
    if (!assignee || assignee.team !== ticket.team) {
      throw new WorkflowError("assignee_not_in_team", `assignee ${input.assigneeId} is not in team ${ticket.team}`, { number: ticket.number });
    }
    const updated = await transitionTicket(store, ticket, {
      action: "assign",
      actor: { type: "staff", id: staff.id },
      at: now,
      fields: { assigneeId: assignee.id },
      data: { assignee: assignee.name },
    });
    await noticeOwner(store, updated, now, "repair.assigned", { assignee: assignee.name });
    return updated;
  });
}
