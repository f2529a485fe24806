import { noticeOwner, transitionCase } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor, ownerCaseAction } from "../../../case/machinery/owner-case-action.js";
import { type WorkflowContext, workingHoursOf } from "../../../ports/workflow-context.js";
import { startVisitClock } from "../proposal-clocks.js";
import { requireCurrentProposal } from "../appointment-answer.js";
import type { RepairCase, RepairDetails } from "../details.js";

/** The owner accepts the proposed visit time; the work order can now start. */
export async function confirmAppointment(ctx: WorkflowContext, input: OwnerCaseInput & { proposedAt?: string }): Promise<RepairCase> {
  return ownerCaseAction<RepairDetails>(ctx, input, async ({ store, subject, kind, now }) => {
    if (subject.status === "awaiting_confirmation") requireCurrentProposal(subject, input.proposedAt, now);
    const updated = await transitionCase(store, kind, subject, {
      action: "confirm_time",
      event: "time_confirmed",
      actor: ownerActor(subject),
      at: now,
      data: { appointmentAt: subject.details.appointmentAt?.toISOString() ?? null },
    });
    await startVisitClock(store, kind, updated, { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) });
    if (updated.details.appointmentAt) {
      await noticeOwner(store, updated, now, "repair.time_confirmed", { at: { instant: updated.details.appointmentAt.toISOString() } });
    }
    return updated;
  }, "repair");
}
