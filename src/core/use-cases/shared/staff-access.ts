import { WorkflowError } from "../../domain/errors.js";
import type { TicketAction } from "../../domain/lifecycle.js";
import type { StaffMember } from "../../domain/registry.js";
import type { Ticket } from "../../domain/ticket.js";
import type { Store } from "../../ports/store.js";
import { mayPerform, mayWorkFrontDesk } from "../../rules/permissions.js";

/** The staff member behind a Slack user id, or `not_staff`: strangers in the channel change nothing. */
export async function requireStaff(store: Store, staffUserId: string): Promise<StaffMember> {
  const staff = await store.staff.findByUserId(staffUserId);
  if (!staff) throw new WorkflowError("not_staff", `slack user ${staffUserId} is not registered staff`);
  return staff;
}

export function requirePermission(staff: StaffMember, action: TicketAction, ticket: Ticket): void {
  if (!mayPerform(staff, action, ticket)) {
    throw new WorkflowError("forbidden", `${staff.staffUserId} (${staff.team}/${staff.role}) may not ${action} ${ticket.number}`, {
      number: ticket.number,
      action,
    });
  }
}

/** @param subject what the refused click was about (a ticket number, a unit), for the explanation */
export function requireFrontDesk(staff: StaffMember, subject: string): void {
  if (!mayWorkFrontDesk(staff)) {
    throw new WorkflowError("forbidden", `${staff.staffUserId} is not front desk`, { action: "frontdesk", number: subject });
  }
}

export async function requireTicket(store: Store, ticketId: string): Promise<Ticket> {
  const ticket = await store.tickets.findById(ticketId);
  if (!ticket) throw new WorkflowError("not_found", `ticket ${ticketId} not found`);
  return ticket;
}
