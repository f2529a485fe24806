import { WorkflowError } from "../../domain/errors.js";
import type { Ticket } from "../../domain/ticket.js";

/**
 * An owner's answer applies only to the proposal it was shown with, and only while that time is
 * still ahead: an old Confirm button must never confirm a newer time, nor a time already gone.
 */
export function requireCurrentProposal(ticket: Ticket, proposedAt: string | undefined, now: Date): void {
  const current = ticket.appointmentAt;
  const stale = !current || (proposedAt !== undefined && new Date(proposedAt).getTime() !== current.getTime());
  if (stale || current.getTime() <= now.getTime()) {
    throw new WorkflowError("expired", `proposal ${proposedAt ?? "?"} of ${ticket.number} is not the current one`, { number: ticket.number });
  }
}
