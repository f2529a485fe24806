import { z } from "zod";
import { alertTeam, transitionCase } from "../../../case/machinery/changes.js";
import { mentionsFor } from "../../../case/machinery/escalation.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { createRepair, repairRequestFields } from "../../repair/new-repair.js";
import { repairTeam } from "../../repair/permissions.js";
import type { ComplaintCase } from "../details.js";
import { complaintStep, staffActor } from "../handling.js";

export const OngoingHarmInputSchema = z.object({
  category: repairRequestFields.category,
  /** What must be stopped, for the technician; the complaint's own words when not rewritten. */
  description: repairRequestFields.description.optional(),
});

/**
 * PROCEDURES.md §2: "if harm is ongoing (a leak flooding a flat), stop the harm first, then
 * process the complaint". Opens a repair linked to the complaint at once, in the same unit for
 * the same owner, and mentions the maintenance leader under its dispatch card; the complaint
 * goes on with its own clocks.
 */
export async function reportOngoingHarm(ctx: WorkflowContext, input: StaffCaseInput & z.input<typeof OngoingHarmInputSchema>): Promise<{ complaint: ComplaintCase; repairNumber: string }> {
  const harm = parseInput(OngoingHarmInputSchema, { category: input.category, description: input.description });
  let repairNumber = "";
  const complaint = await complaintStep(ctx, input, "harm_ongoing", async (scope) => {
    const { store, subject, now } = scope;
    const unit = await store.units.findById(subject.unitId);
    const reporter = await store.residents.findById(subject.reporterId);
    if (!unit || !reporter) throw new WorkflowError("not_found", `${subject.number}: its unit or owner is no longer registered`, { number: subject.number });
    const repair = await createRepair(store, ctx.kinds.kind("repair"), {
      unit,
      reporter,
      reporterUserId: subject.reporterUserId,
      category: harm.category,
      description: harm.description ?? subject.details.description,
      photos: subject.details.photos,
      publicArea: null,
      // No owner's wish to wait for: the harm is happening now (the card says "at once").
      preferredTime: "",
      intakeChannel: subject.details.channel,
      actor: staffActor(scope),
      linkedCaseId: subject.id,
    }, now, ctx.timeZone);
    repairNumber = repair.number;
    await alertTeam(store, {
      team: repairTeam,
      key: "alerts.harm_repair",
      params: { number: repair.number, complaint: subject.number },
      mentions: await mentionsFor(store, { team: repairTeam, role: "leader" }),
      caseId: repair.id,
      at: now,
    });
    return transitionCase(store, scope.kind, subject, {
      action: "harm_ongoing",
      actor: staffActor(scope),
      at: now,
      details: { harmRepairId: repair.id },
      data: { repair: repair.number },
    });
  });
  return { complaint, repairNumber };
}
