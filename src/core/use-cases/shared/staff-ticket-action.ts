import type { TicketAction } from "../../domain/lifecycle.js";
import { nextStatus } from "../../domain/lifecycle.js";
import type { StaffMember } from "../../domain/registry.js";
import type { Ticket } from "../../domain/ticket.js";
import type { Store } from "../../ports/store.js";
import type { WorkflowContext } from "../../ports/workflow-context.js";
import { requirePermission, requireStaff, requireTicket } from "./staff-access.js";

export interface StaffTicketInput {
  ticketId: string;
  staffUserId: string;
}

/**
 * Frame of every button a staff member presses on a dispatch card: one transaction, the clicker
 * must be staff with the right for the action, and the lifecycle must allow it, before `apply`.
 */
export async function staffTicketAction(
  ctx: WorkflowContext,
  input: StaffTicketInput,
  action: TicketAction,
  apply: (store: Store, staff: StaffMember, ticket: Ticket, now: Date) => Promise<Ticket>,
): Promise<Ticket> {
  const now = ctx.time.now();
  const result = await ctx.uow.transaction(async (store) => {
    const { staff, ticket } = await checkedStaffTicket(store, input, action);
    return apply(store, staff, ticket, now);
  });
  ctx.onOutboxWritten?.();
  return result;
}

/** The checks of {@link staffTicketAction}, in the caller's transaction. */
export async function checkedStaffTicket(store: Store, input: StaffTicketInput, action: TicketAction): Promise<{ staff: StaffMember; ticket: Ticket }> {
  const staff = await requireStaff(store, input.staffUserId);
  const ticket = await requireTicket(store, input.ticketId);
  nextStatus(ticket, action);
  requirePermission(staff, action, ticket);
  return { staff, ticket };
}
