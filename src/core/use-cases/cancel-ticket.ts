import { z } from "zod";
import { parseInput } from "../domain/errors.js";
import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { type StaffTicketInput, staffTicketAction } from "./shared/staff-ticket-action.js";
import { noticeOwner, transitionTicket } from "./shared/ticket-changes.js";

export const CancelReasonSchema = z.string().trim().min(2, "a reason is required").max(500);

export interface CancelTicketInput extends StaffTicketInput {
  reason: string;
}

/** Cancels with a reason the owner is told; a finished repair cannot be cancelled. */
export async function cancelTicket(ctx: WorkflowContext, input: CancelTicketInput): Promise<Ticket> {
  const reason = parseInput(CancelReasonSchema, input.reason);
  return staffTicketAction(ctx, input, "cancel", async (store, staff, ticket, now) => {
    const updated = await transitionTicket(store, ticket, {
      action: "cancel",
      actor: { type: "staff", id: staff.id },
      at: now,
      fields: { cancelReason: reason },
      data: { reason },
    });
    await noticeOwner(store, updated, now, "repair.cancelled", { reason });
    return updated;
  });
}
