import { alertTeam, noticeOwner, recordEvent, refreshCard, touchCase, transitionCase } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor, ownerCaseAction } from "../../../case/machinery/owner-case-action.js";
import { cancelOpenCallbacks } from "../../../case/machinery/callbacks.js";
import { nextStatus } from "../../../case/lifecycle.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { chargeAcceptedRepair } from "../charges.js";
import type { FixedAnswer, RepairCase, RepairDetails } from "../details.js";

/**
 * The owner's answer to "Fixed?". Yes is kept for the callback, and for a paid repair it is the
 * acceptance: the fee for its items is recorded against a receipt the owner receives. No reopens
 * the repair to its team at once (rectification, 整改) and alerts the channel; nothing is charged.
 */
export async function answerFixed(ctx: WorkflowContext, input: OwnerCaseInput & { answer: FixedAnswer }): Promise<RepairCase> {
  return ownerCaseAction<RepairDetails>(ctx, input, async ({ store, subject: ticket, kind, now }) => {
    // Asked when the work is done; the same rule as reopening, so a late press on a closed or
    // cancelled repair changes nothing.
    nextStatus(kind.lifecycle, ticket, "reopen");
    if (input.answer === "yes") {
      const updated = await touchCase(store, ticket, now, { ownerFixedAnswer: "yes" });
      await recordEvent(store, updated, { type: "owner_answered_fixed", actor: ownerActor(ticket), at: now, data: { answer: "yes" } });
      await refreshCard(store, kind, updated, now);
      await noticeOwner(store, updated, now, "repair.thanks_fixed");
      await chargeAcceptedRepair(store, updated, ownerActor(ticket), now, ctx.timeZone);
      return updated;
    }
    const updated = await transitionCase(store, kind, ticket, {
      action: "reopen",
      event: "reopened",
      actor: ownerActor(ticket),
      at: now,
      details: { ownerFixedAnswer: "no", completedAt: null, leakTestAt: null, appointmentAt: null },
      data: { reason: "owner_not_fixed" },
    });
    await cancelOpenCallbacks(store, kind, ticket.id, now);
    const assignee = ticket.assigneeId ? await store.staff.findById(ticket.assigneeId) : null;
    await alertTeam(store, { team: ticket.team, key: "alerts.owner_not_fixed", params: { number: ticket.number }, mentions: assignee ? [assignee.staffUserId] : [], caseId: ticket.id, at: now });
    await noticeOwner(store, updated, now, "repair.reopened");
    return updated;
  }, "repair");
}
