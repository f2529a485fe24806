import { alertTeam, noticeOwner, transitionCase } from "../../../case/machinery/changes.js";
import { type StaffCaseInput, staffCaseAction } from "../../../case/machinery/staff-case-action.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { RepairCase, RepairDetails } from "../details.js";

/**
 * The leak test found the leak still there: the job goes back to its technician (整改), the
 * completion no longer counts, and a new visit time is agreed with the owner before work resumes.
 */
export async function failLeakTest(ctx: WorkflowContext, input: StaffCaseInput): Promise<RepairCase> {
  return staffCaseAction<RepairDetails>(ctx, input, "fail_leak_test", async ({ store, staff, subject, kind, now }) => {
    const updated = await transitionCase(store, kind, subject, {
      action: "fail_leak_test",
      event: "leak_test_failed",
      actor: { type: "staff", id: staff.id },
      at: now,
      details: { completedAt: null, leakTestAt: null, appointmentAt: null, ownerFixedAnswer: null },
    });
    const assignee = subject.assigneeId ? await store.staff.findById(subject.assigneeId) : null;
    await alertTeam(store, { team: subject.team, key: "alerts.leak_test_failed", params: { number: subject.number }, mentions: assignee ? [assignee.staffUserId] : [], caseId: subject.id, at: now });
    await noticeOwner(store, updated, now, "repair.leak_test_failed");
    return updated;
  }, "repair");
}
