import { noticeOwner, transitionCase } from "../../../case/machinery/changes.js";
import { openCallback } from "../../../case/machinery/callbacks.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { parseInput } from "../../../domain/errors.js";
import { type WorkflowContext, workingHoursOf } from "../../../ports/workflow-context.js";
import { complaintCallbackWindow, verdictButtons } from "../callback.js";
import type { ComplaintCase } from "../details.js";
import { complaintStep, staffActor } from "../handling.js";
import { StaffWordsSchema } from "./complaint-steps.js";

/**
 * The responsible person records the resolution: the owner is told it at once, in the words
 * written, with Resolved / Not resolved; the resolution clocks stop; and the front desk's
 * callback (回访) is opened as for every finished case.
 */
export async function resolveComplaint(ctx: WorkflowContext, input: StaffCaseInput & { resolution: string }): Promise<ComplaintCase> {
  const resolution = parseInput(StaffWordsSchema, input.resolution);
  return complaintStep(ctx, input, "resolve", async (scope) => {
    const resolved = await transitionCase(scope.store, scope.kind, scope.subject, {
      action: "resolve",
      actor: staffActor(scope),
      at: scope.now,
      details: { resolution, resolvedAt: scope.now, ownerVerdict: null },
      data: { by: scope.staff.name },
    });
    await openCallback(scope.store, scope.kind, resolved, scope.now, { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) }, complaintCallbackWindow);
    await noticeOwner(scope.store, resolved, scope.now, "complaint.resolved", { resolution }, verdictButtons(resolved));
    return resolved;
  });
}
