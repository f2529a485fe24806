import { transitionCase } from "../../../case/machinery/changes.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { WorkflowError } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { noticeServiceOwner, serviceStep, staffActor } from "../service-steps.js";

export interface ScheduleSiteVisitInput extends StaffCaseInput {
  at: Date;
}

/**
 * The leader books the visit that prices the job on site (上门定价; whole-flat cleaning,
 * greening): the owner is told when someone comes to look. Booking again moves it.
 */
export async function scheduleSiteVisit(ctx: WorkflowContext, input: ScheduleSiteVisitInput): Promise<ServiceCase> {
  return serviceStep(ctx, input, "schedule_site_visit", async (scope) => {
    const { store, subject, kind, now } = scope;
    if (input.at.getTime() <= now.getTime()) throw new WorkflowError("time_in_past", `site visit ${input.at.toISOString()} is not after ${now.toISOString()}`);
    const updated = await transitionCase(store, kind, subject, {
      action: "schedule_site_visit",
      actor: staffActor(scope),
      at: now,
      details: { siteVisitAt: input.at },
      data: { siteVisitAt: input.at.toISOString() },
    });
    await noticeServiceOwner(store, updated, now, "service.site_visit", { at: { instant: input.at.toISOString() } });
    return updated;
  });
}
