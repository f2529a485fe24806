import { noticeOwner, recordEvent, refreshCard, touchCase } from "../../../case/machinery/changes.js";
import { cancelOpenCallbacks } from "../../../case/machinery/callbacks.js";
import { type OwnerCaseInput, ownerActor, ownerCaseAction } from "../../../case/machinery/owner-case-action.js";
import { nextStatus } from "../../../case/lifecycle.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ComplaintCase, ComplaintDetails, OwnerVerdict } from "../details.js";
import { reopenComplaint } from "../handling.js";

/**
 * The owner answers the resolution they were told: Resolved is kept as their word (the callback
 * still follows); Not resolved reopens the complaint at once and alerts the responsible team's leader.
 */
export async function answerVerdict(ctx: WorkflowContext, input: OwnerCaseInput & { verdict: OwnerVerdict }): Promise<ComplaintCase> {
  return ownerCaseAction<ComplaintDetails>(
    ctx,
    input,
    async ({ store, subject, kind, now }) => {
      // Asked while resolved; the same rule as reopening, so a late press changes nothing.
      nextStatus(kind.lifecycle, subject, "reopen");
      if (input.verdict === "resolved") {
        // Said once: a double tap neither thanks twice nor writes a second event.
        if (subject.details.ownerVerdict === "resolved") return subject;
        const updated = await touchCase(store, subject, now, { ownerVerdict: "resolved" });
        await recordEvent(store, updated, { type: "owner_verdict", actor: ownerActor(subject), at: now, data: { verdict: "resolved" } });
        await refreshCard(store, kind, updated, now);
        await noticeOwner(store, updated, now, "complaint.thanks_resolved");
        return updated;
      }
      await cancelOpenCallbacks(store, kind, subject.id, now);
      return reopenComplaint(store, kind, subject, {
        actor: ownerActor(subject),
        at: now,
        event: "owner_verdict",
        data: { verdict: "not_resolved", reason: "owner_not_resolved" },
        timeZone: ctx.timeZone,
        details: { ownerVerdict: "not_resolved" },
      });
    },
    "complaint",
  );
}
