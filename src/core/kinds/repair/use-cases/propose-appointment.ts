import { noticeOwner, transitionCase } from "../../../case/machinery/changes.js";
import { type StaffCaseInput, staffCaseAction } from "../../../case/machinery/staff-case-action.js";
import { WorkflowError } from "../../../domain/errors.js";
import { ownerHoursOf, type WorkflowContext, workingHoursOf } from "../../../ports/workflow-context.js";
import { startProposalClocks } from "../proposal-clocks.js";
import type { RepairCase, RepairDetails } from "../details.js";
import { appointmentButtons } from "../owner-buttons.js";

export interface ProposeAppointmentInput extends StaffCaseInput {
  at: Date;
}

/**
 * Staff propose a visit time; the work order cannot start until the owner confirms it
 * (PROCEDURES.md §1 and §4: the service time is confirmed with the owner first).
 */
export async function proposeAppointment(ctx: WorkflowContext, input: ProposeAppointmentInput): Promise<RepairCase> {
  return staffCaseAction<RepairDetails>(ctx, input, "propose_time", async ({ store, staff, subject, kind, now }) => {
    if (input.at.getTime() <= now.getTime()) throw new WorkflowError("time_in_past", `proposed ${input.at.toISOString()} is not after ${now.toISOString()}`);
    const updated = await transitionCase(store, kind, subject, {
      action: "propose_time",
      actor: { type: "staff", id: staff.id },
      at: now,
      details: { appointmentAt: input.at, ownerTimeRequest: null },
      data: { appointmentAt: input.at.toISOString() },
    });
    await startProposalClocks(store, kind, updated, now, { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx), ownerHours: ownerHoursOf(ctx) });
    await noticeOwner(store, updated, now, "repair.time_proposed", { at: { instant: input.at.toISOString() } }, appointmentButtons(subject.id, input.at));
    return updated;
  }, "repair");
}
