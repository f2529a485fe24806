import { alertTeam, noticeOwner, transitionCase } from "../../../case/machinery/changes.js";
import { startClock } from "../../../case/machinery/clocks.js";
import { mentionsFor } from "../../../case/machinery/escalation.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { deadlineAfter } from "../../../domain/deadline.js";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import { type Team, TeamSchema } from "../../../domain/registry.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { complaintClockRules, tierClocks } from "../clock-rules.js";
import { type ComplaintCase, type ComplaintTier, ComplaintTierSchema } from "../details.js";
import { complaintStep, forwardTo, staffActor, startResolutionClock } from "../handling.js";

export interface ClassifyComplaintInput extends StaffCaseInput {
  tier: ComplaintTier;
  /** The department complained about: required for a service error, which is forwarded to its head. */
  department?: Team | null;
}

/** Departments a complaint can be routed to: every team but the manager, who is told, not routed to. */
export const complaintDepartments: readonly Team[] = TeamSchema.options.filter((team) => team !== "manager");

/**
 * The front desk classifies a received complaint into its tier (PROCEDURES.md §2), and the
 * tier's clocks start, counted from the reception: a major complaint's card goes to the manager's
 * channel with a mention at once; a service error is forwarded to the head of the department
 * complained about; every tier gets its resolution deadline (a minor one the owner's own, when
 * given). The owner is told when to expect the resolution.
 */
export async function classifyComplaint(ctx: WorkflowContext, input: ClassifyComplaintInput): Promise<ComplaintCase> {
  const tier = parseInput(ComplaintTierSchema, input.tier);
  return complaintStep(ctx, input, "classify", async (scope) => {
    const { store, subject, kind, now } = scope;
    const department = input.department ?? subject.details.department;
    if (tier === "service_error" && !department) {
      throw new WorkflowError("invalid_input", `${subject.number}: a service error names the department complained about`, { field: "department" });
    }
    if (department && !complaintDepartments.includes(department)) {
      throw new WorkflowError("invalid_input", `${subject.number}: ${department} is not a department`, { field: "department" });
    }
    const resolveRule = complaintClockRules[tierClocks[tier].resolve];
    const ownDeadline = tier === "minor" ? subject.details.ownerDeadline : null;
    const resolveBy = ownDeadline ?? deadlineAfter(subject.createdAt, resolveRule.due, ctx.timeZone);
    const forwarded = tier === "service_error" && department ? await forwardTo(store, { ...subject, details: { ...subject.details, tier } }, department, now) : null;
    const classified = await transitionCase(store, kind, subject, {
      action: "classify",
      actor: staffActor(scope),
      at: now,
      header: forwarded ? { assigneeId: forwarded.assigneeId } : {},
      details: { tier, classifiedAt: now, resolveBy, department: department ?? null },
      data: { tier, suggested: subject.details.suggestedTier, department: department ?? null },
    });
    for (const rule of tierClocks[tier].steps) await startClock(store, kind, { caseId: subject.id, rule, anchor: subject.createdAt, timeZone: ctx.timeZone });
    await startResolutionClock(store, kind, classified, ctx.timeZone);
    if (tier === "major") {
      await alertTeam(store, {
        team: "manager",
        key: "alerts.complaint_major",
        params: { number: subject.number, dueAt: { instant: deadlineAfter(subject.createdAt, complaintClockRules["complaint.major.report"].due, ctx.timeZone).toISOString() } },
        mentions: await mentionsFor(store, { team: "manager", role: "manager" }),
        caseId: subject.id,
        at: now,
      });
    }
    await noticeOwner(store, classified, now, "complaint.classified", { resolveBy: { instant: resolveBy.toISOString() } });
    return classified;
  });
}
