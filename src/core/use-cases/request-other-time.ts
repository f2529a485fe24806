import { z } from "zod";
import { parseInput, WorkflowError } from "../domain/errors.js";
import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { type OwnerTicketInput, ownerActor, ownerTicketAction } from "./shared/owner-ticket-action.js";
import { noticeOwner, transitionTicket } from "./shared/ticket-changes.js";

export const OwnerTimeRequestSchema = z.string().trim().min(1).max(200);

/** The owner cannot make the proposed time and says when they can; staff propose again. */
export async function requestOtherTime(ctx: WorkflowContext, input: OwnerTicketInput & { preferredTime: string; proposedAt?: string }): Promise<Ticket> {
  const preferredTime = parseInput(OwnerTimeRequestSchema, input.preferredTime);
  return ownerTicketAction(ctx, input, async (store, ticket, now) => {
    if (ticket.status === "awaiting_confirmation" && input.proposedAt !== undefined) {
      const current = ticket.appointmentAt?.toISOString();
      if (current !== new Date(input.proposedAt).toISOString()) throw new WorkflowError("expired", `proposal ${input.proposedAt} of ${ticket.number} is not current`, { number: ticket.number });
    }
    const updated = await transitionTicket(store, ticket, {
      action: "request_other_time",
      event: "other_time_requested",
      actor: ownerActor(ticket),
      at: now,
      fields: { ownerTimeRequest: preferredTime, appointmentAt: null },
      data: { preferredTime },
    });
    await noticeOwner(store, updated, now, "repair.other_time_noted", { preferredTime });
    return updated;
  });
}
