import { noticeOwner, transitionCase } from "../../../case/machinery/changes.js";
import { type StaffCaseInput, staffCaseAction } from "../../../case/machinery/staff-case-action.js";
import { type WorkflowContext, workingHoursOf } from "../../../ports/workflow-context.js";
import { openRepairCallback } from "../callbacks.js";
import type { RepairCase, RepairDetails } from "../details.js";

/** The leak test after a leak repair passed; the 3-day callback clock starts now. */
export async function passLeakTest(ctx: WorkflowContext, input: StaffCaseInput): Promise<RepairCase> {
  return staffCaseAction<RepairDetails>(ctx, input, "pass_leak_test", async ({ store, staff, subject, kind, now }) => {
    const updated = await transitionCase(store, kind, subject, {
      action: "pass_leak_test",
      event: "leak_test_passed",
      actor: { type: "staff", id: staff.id },
      at: now,
      details: { leakTestAt: now },
    });
    await openRepairCallback(store, kind, updated, now, { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) });
    await noticeOwner(store, updated, now, "repair.leak_test_passed");
    return updated;
  }, "repair");
}
