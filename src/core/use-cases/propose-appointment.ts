import { WorkflowError } from "../domain/errors.js";
import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { type StaffTicketInput, staffTicketAction } from "./shared/staff-ticket-action.js";
import { noticeOwner, transitionTicket } from "./shared/ticket-changes.js";

export interface ProposeAppointmentInput extends StaffTicketInput {
  at: Date;
}

/**
 * Staff propose a visit time; the work order cannot start until the owner confirms it
 * (PROCEDURES.md §1 and §4: the service time is confirmed with the owner first).
 */
export async function proposeAppointment(ctx: WorkflowContext, input: ProposeAppointmentInput): Promise<Ticket> {
  return staffTicketAction(ctx, input, "propose_time", async (store, staff, ticket, now) => {
    if (input.at.getTime() <= now.getTime()) throw new WorkflowError("time_in_past", `proposed ${input.at.toISOString()} is not after ${now.toISOString()}`);
    const updated = await transitionTicket(store, ticket, {
      action: "propose_time",
      actor: { type: "staff", id: staff.id },
      at: now,
      fields: { appointmentAt: input.at, ownerTimeRequest: null },
      data: { appointmentAt: input.at.toISOString() },
    });
    await noticeOwner(store, updated, now, "repair.time_proposed", { at: { instant: input.at.toISOString() } }, [
      { type: "appointment.confirm", ticketId: ticket.id, proposedAt: input.at.toISOString() },
      { type: "appointment.other", ticketId: ticket.id, proposedAt: input.at.toISOString() },
    ]);
    return updated;
  });
}
