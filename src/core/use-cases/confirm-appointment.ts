import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { requireCurrentProposal } from "./shared/appointment-answer.js";
import { type OwnerTicketInput, ownerActor, ownerTicketAction } from "./shared/owner-ticket-action.js";
import { noticeOwner, transitionTicket } from "./shared/ticket-changes.js";

/** The owner accepts the proposed visit time; the work order can now start. */
export async function confirmAppointment(ctx: WorkflowContext, input: OwnerTicketInput & { proposedAt?: string }): Promise<Ticket> {
  return ownerTicketAction(ctx, input, async (store, ticket, now) => {
    if (ticket.status === "awaiting_confirmation") requireCurrentProposal(ticket, input.proposedAt, now);
    const updated = await transitionTicket(store, ticket, {
      action: "confirm_time",
      event: "time_confirmed",
      actor: ownerActor(ticket),
      at: now,
      data: { appointmentAt: ticket.appointmentAt?.toISOString() ?? null },
    });
    if (updated.appointmentAt) {
      await noticeOwner(store, updated, now, "repair.time_confirmed", { at: { instant: updated.appointmentAt.toISOString() } });
    }
    return updated;
  });
}
