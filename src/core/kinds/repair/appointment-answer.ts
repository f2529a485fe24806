import { WorkflowError } from "../../domain/errors.js";
import type { RepairCase } from "./details.js";

/**
 * An owner's answer applies only to the proposal it was shown with, and only while that time is
 * still ahead: an old Confirm button must never confirm a newer time, nor a time already gone.
 */
export function requireCurrentProposal(ticket: RepairCase, proposedAt: string | undefined, now: Date): void {
  const current = ticket.details.appointmentAt;
  const stale = !current || (proposedAt !== undefined && new Date(proposedAt).getTime() !== current.getTime());
  if (stale || current.getTime() <= now.getTime()) {
    throw new WorkflowError("expired", `proposal ${proposedAt ?? "?"} of ${ticket.number} is not the current one`, { number: ticket.number });
  }
}
