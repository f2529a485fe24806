import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { type StaffTicketInput, staffTicketAction } from "./shared/staff-ticket-action.js";
import { noticeOwner, transitionTicket } from "./shared/ticket-changes.js";

/** A team member takes a new ticket for themself. */
export async function claimTicket(ctx: WorkflowContext, input: StaffTicketInput): Promise<Ticket> {
  return staffTicketAction(ctx, input, "claim", async (store, staff, ticket, now) => {
    const updated = await transitionTicket(store, ticket, {
      action: "claim",
      actor: { type: "staff", id: staff.id },
      at: now,
      fields: { assigneeId: staff.id },
      data: { assignee: staff.name },
    });
    await noticeOwner(store, updated, now, "repair.assigned", { assignee: staff.name });
    return updated;
  });
}
