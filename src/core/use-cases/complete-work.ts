import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { callbackWindowFor } from "../rules/callbacks.js";
import { openCallback } from "./shared/callbacks.js";
import { type StaffTicketInput, staffTicketAction } from "./shared/staff-ticket-action.js";
import { noticeOwner, transitionTicket } from "./shared/ticket-changes.js";

/**
 * The work is done and returns to the front desk. A leak waits for its leak test (试漏) before
 * the callback clock starts; any other repair starts it now. The owner is asked "Fixed?".
 */
export async function completeWork(ctx: WorkflowContext, input: StaffTicketInput): Promise<Ticket> {
  const ticket = await ctx.uow.transaction((store) => store.tickets.findById(input.ticketId));
  // Where the callback window is anchored decides whether completion waits for a leak test.
  const waitsForLeakTest = ticket !== null && callbackWindowFor(ticket.category).anchor === "leak_test_passed";
  const action = waitsForLeakTest ? "complete_before_leak_test" : "complete";
  return staffTicketAction(ctx, input, action, async (store, staff, current, now) => {
    const updated = await transitionTicket(store, current, {
      action,
      event: "completed",
      actor: { type: "staff", id: staff.id },
      at: now,
      fields: { completedAt: now, ownerFixedAnswer: null },
    });
    if (action === "complete") await openCallback(store, updated, now, ctx.timeZone);
    await noticeOwner(store, updated, now, "repair.done", {}, [
      { type: "fixed.yes", ticketId: updated.id },
      { type: "fixed.no", ticketId: updated.id },
    ]);
    return updated;
  });
}
