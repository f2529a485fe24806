import type { Case } from "../case/case.js";
import { noticeOwner, transitionCase } from "../case/machinery/changes.js";
import { type StaffCaseInput, staffCaseAction } from "../case/machinery/staff-case-action.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

/** A team member takes a new case for themself (any kind whose lifecycle has `claim`). */
export async function claimCase(ctx: WorkflowContext, input: StaffCaseInput): Promise<Case> {
  return staffCaseAction(ctx, input, "claim", async ({ store, staff, subject, kind, now }) => {
    const updated = await transitionCase(store, kind, subject, {
      action: "claim",
      actor: { type: "staff", id: staff.id },
      at: now,
      header: { assigneeId: staff.id },
      data: { assignee: staff.name },
    });
    await noticeOwner(store, updated, now, `${kind.id}.assigned`, { assignee: staff.name });
    return updated;
  });
}
