import type { Case } from "../case/case.js";
import { noticeOwner, transitionCase } from "../case/machinery/changes.js";
import { type StaffCaseInput, staffCaseAction } from "../case/machinery/staff-case-action.js";
import { WorkflowError } from "../domain/errors.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

export interface AssignCaseInput extends StaffCaseInput {
  /** Staff id of the team member who gets the work. */
  assigneeId: string;
}

/** A leader or the front desk gives the case to a member of the case's team. */
export async function assignCase(ctx: WorkflowContext, input: AssignCaseInput): Promise<Case> {
  return staffCaseAction(ctx, input, "assign", async ({ store, staff, subject, kind, now }) => {
    const assignee = await store.staff.findById(input.assigneeId);
    if (!assignee || assignee.team !== subject.team) {
      throw new WorkflowError("assignee_not_in_team", `assignee ${input.assigneeId} is not in team ${subject.team}`, { number: subject.number });
    }
    const updated = await transitionCase(store, kind, subject, {
      action: "assign",
      actor: { type: "staff", id: staff.id },
      at: now,
      header: { assigneeId: assignee.id },
      data: { assignee: assignee.name },
    });
    await noticeOwner(store, updated, now, `${kind.id}.assigned`, { assignee: assignee.name });
    return updated;
  });
}
