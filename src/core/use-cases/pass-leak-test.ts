import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { openCallback } from "./shared/callbacks.js";
import { type StaffTicketInput, staffTicketAction } from "./shared/staff-ticket-action.js";
import { noticeOwner, transitionTicket } from "./shared/ticket-changes.js";

/** The leak test after a leak repair passed; the 3-day callback clock starts now. */
export async function passLeakTest(ctx: WorkflowContext, input: StaffTicketInput): Promise<Ticket> {
  return staffTicketAction(ctx, input, "pass_leak_test", async (store, staff, ticket, now) => {
    const updated = await transitionTicket(store, ticket, {
      action: "pass_leak_test",
      event: "leak_test_passed",
      actor: { type: "staff", id: staff.id },
      at: now,
      fields: { leakTestAt: now },
    });
    await openCallback(store, updated, now, ctx.timeZone);
    await noticeOwner(store, updated, now, "repair.leak_test_passed");
    return updated;
  });
}
