import { WorkflowError } from "../../domain/errors.js";
import type { Ticket } from "../../domain/ticket.js";
import type { Store } from "../../ports/store.js";
import type { WorkflowContext } from "../../ports/workflow-context.js";

export interface OwnerTicketInput {
  ownerUserId: string;
  ticketId: string;
}

/** Frame of an owner's button press: one transaction, and only on a ticket they reported. */
export async function ownerTicketAction(
  ctx: WorkflowContext,
  input: OwnerTicketInput,
  apply: (store: Store, ticket: Ticket, now: Date) => Promise<Ticket>,
): Promise<Ticket> {
  const now = ctx.time.now();
  const result = await ctx.uow.transaction(async (store) => {
    const ticket = await store.tickets.findById(input.ticketId);
    if (!ticket || ticket.reporterUserId !== input.ownerUserId) {
      throw new WorkflowError("not_found", `ticket ${input.ticketId} is not reported by ${input.ownerUserId}`);
    }
    return apply(store, ticket, now);
  });
  ctx.onOutboxWritten?.();
  return result;
}

export function ownerActor(ticket: Ticket) {
  return { type: "owner" as const, id: ticket.reporterId };
}
