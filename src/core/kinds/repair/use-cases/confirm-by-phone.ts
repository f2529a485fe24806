import { noticeOwner, transitionCase } from "../../../case/machinery/changes.js";
import { type StaffCaseInput, staffCaseAction } from "../../../case/machinery/staff-case-action.js";
import { WorkflowError } from "../../../domain/errors.js";
import { type WorkflowContext, workingHoursOf } from "../../../ports/workflow-context.js";
import type { RepairCase, RepairDetails } from "../details.js";
import { startVisitClock } from "../proposal-clocks.js";

/**
 * The owner agreed the proposed time on the phone (来电接待): the front desk records it for them,
 * under their own name in the history, and the work order can start as after the owner's own
 * Confirm (PROCEDURES.md §1: the service time is confirmed with the owner first).
 */
export async function confirmByPhone(ctx: WorkflowContext, input: StaffCaseInput): Promise<RepairCase> {
  return staffCaseAction<RepairDetails>(ctx, input, "confirm_time", async ({ store, staff, subject, kind, now }) => {
    const proposed = subject.details.appointmentAt;
    if (!proposed || proposed.getTime() <= now.getTime()) throw new WorkflowError("expired", `proposal of ${subject.number} has passed`, { number: subject.number });
    const updated = await transitionCase(store, kind, subject, {
      action: "confirm_time",
      event: "time_confirmed_by_phone",
      actor: { type: "staff", id: staff.id },
      at: now,
      data: { appointmentAt: proposed.toISOString(), by: staff.name },
    });
    await startVisitClock(store, kind, updated, { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) });
    await noticeOwner(store, updated, now, "repair.time_confirmed", { at: { instant: proposed.toISOString() } });
    return updated;
  }, "repair");
}
