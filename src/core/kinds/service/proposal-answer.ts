import { WorkflowError } from "../../domain/errors.js";
import type { ServiceCase } from "./details.js";

/**
 * An owner's answer applies only to the proposal it was shown with, and only while that time is
 * still ahead: an old Confirm button must never confirm a newer time, nor a time already gone.
 */
export function requireCurrentServiceProposal(order: ServiceCase, proposedAt: string | undefined, now: Date): Date {
  const current = order.details.appointmentAt;
  const stale = order.status !== "awaiting_confirmation" || !current || (proposedAt !== undefined && new Date(proposedAt).getTime() !== current.getTime());
  if (stale || current.getTime() <= now.getTime()) {
    throw new WorkflowError("expired", `proposal ${proposedAt ?? "?"} of ${order.number} is not the current one`, { number: order.number });
  }
  return current;
}
