import { nextStatus } from "../domain/lifecycle.js";
import type { FixedAnswer, Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { newId } from "../ports/workflow-context.js";
import { cancelOpenCallback } from "./shared/callbacks.js";
import { type OwnerTicketInput, ownerActor, ownerTicketAction } from "./shared/owner-ticket-action.js";
import { noticeOwner, recordEvent, refreshCard, touchTicket, transitionTicket } from "./shared/ticket-changes.js";

/**
 * The owner's answer to "Fixed?". Yes is kept for the callback; No reopens the ticket to its
 * team at once (rectification, 整改) and alerts the channel.
 */
export async function answerFixed(ctx: WorkflowContext, input: OwnerTicketInput & { answer: FixedAnswer }): Promise<Ticket> {
  return ownerTicketAction(ctx, input, async (store, ticket, now) => {
    // Asked when the work is done; the same rule as reopening, so a late press on a closed or
    // cancelled ticket changes nothing.
    nextStatus(ticket, "reopen");
    if (input.answer === "yes") {
      const updated = await touchTicket(store, ticket, now, { ownerFixedAnswer: "yes" });
      await recordEvent(store, updated, { type: "owner_answered_fixed", actor: ownerActor(ticket), at: now, data: { answer: "yes" } });
      await refreshCard(store, updated, now);
      await noticeOwner(store, updated, now, "repair.thanks_fixed");
      return updated;
    }
    const updated = await transitionTicket(store, ticket, {
      action: "reopen",
      event: "reopened",
      actor: ownerActor(ticket),
      at: now,
      fields: { ownerFixedAnswer: "no", completedAt: null, leakTestAt: null, appointmentAt: null },
      data: { reason: "owner_not_fixed" },
    });
    await cancelOpenCallback(store, ticket.id, now);
    const assignee = ticket.assigneeId ? await store.staff.findById(ticket.assigneeId) : null;
    await store.outbox.enqueue({
      id: newId(),
      createdAt: now,
      payload: { type: "staff.alert", team: ticket.team, key: "alerts.owner_not_fixed", params: { number: ticket.number }, mentions: assignee ? [assignee.staffUserId] : [], ticketId: ticket.id },
    });
    await noticeOwner(store, updated, now, "repair.reopened");
    return updated;
  });
}
