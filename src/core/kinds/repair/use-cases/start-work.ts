import { transitionCase, noticeOwner } from "../../../case/machinery/changes.js";
import { type StaffCaseInput, staffCaseAction } from "../../../case/machinery/staff-case-action.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { RepairCase, RepairDetails } from "../details.js";

/** The technician is on site at the confirmed time. */
export async function startWork(ctx: WorkflowContext, input: StaffCaseInput): Promise<RepairCase> {
  return staffCaseAction<RepairDetails>(ctx, input, "start", async ({ store, staff, subject, kind, now }) => {
    const updated = await transitionCase(store, kind, subject, { action: "start", actor: { type: "staff", id: staff.id }, at: now });
    await noticeOwner(store, updated, now, "repair.started");
    return updated;
  }, "repair");
}
