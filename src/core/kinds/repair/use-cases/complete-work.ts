import { noticeOwner, transitionCase } from "../../../case/machinery/changes.js";
import { type StaffCaseInput, staffCaseAction } from "../../../case/machinery/staff-case-action.js";
import { type WorkflowContext, workingHoursOf } from "../../../ports/workflow-context.js";
import { callbackWindowFor } from "../callback-windows.js";
import { openRepairCallback } from "../callbacks.js";
import { type ChargeLineRequest, noticeOwnerOfCharges, priceRepairLines } from "../charges.js";
import { startLeakTestClock } from "../leak-test.js";
import type { RepairCase, RepairDetails } from "../details.js";
import { fixedButtons } from "../owner-buttons.js";

export interface CompleteWorkInput extends StaffCaseInput {
  /**
   * A paid repair's items from the maintenance price standard (at least one); refused on a
   * warranty repair, and on a paid one already receipted (its rework is not charged again).
   */
  chargeLines?: readonly ChargeLineRequest[];
}

/**
 * The work is done and returns to the front desk. A leak waits for its leak test (试漏) before
 * the callback clock starts (and the maintenance leader hears of a leak test not recorded in
 * time); any other repair starts it now. A paid repair records its items, priced from the
 * standard. The owner is asked "Fixed?", with the items and the total when they will be charged.
 */
export async function completeWork(ctx: WorkflowContext, input: CompleteWorkInput): Promise<RepairCase> {
  const found = await ctx.uow.transaction((store) => store.cases.findById(input.caseId));
  // Where the callback window is anchored decides whether completion waits for a leak test.
  const category = found?.kind === "repair" ? (found as RepairCase).details.category : null;
  const waitsForLeakTest = category !== null && callbackWindowFor(category).anchor === "leak_test_passed";
  const action = waitsForLeakTest ? "complete_before_leak_test" : "complete";
  return staffCaseAction<RepairDetails>(ctx, input, action, async ({ store, staff, subject, kind, now }) => {
    const requested = input.chargeLines ?? [];
    const chargeLines = await priceRepairLines(store, subject, requested);
    const updated = await transitionCase(store, kind, subject, {
      action,
      event: "completed",
      actor: { type: "staff", id: staff.id },
      at: now,
      details: { completedAt: now, ownerFixedAnswer: null, chargeLines },
      ...(requested.length > 0 ? { data: { items: chargeLines.map(({ code, quantity }) => ({ code, quantity })) } } : {}),
    });
    const calendar = { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) };
    if (action === "complete") await openRepairCallback(store, kind, updated, now, calendar);
    else await startLeakTestClock(store, kind, updated, now, calendar);
    if (requested.length > 0) await noticeOwnerOfCharges(store, updated, now, "repair.done_paid", fixedButtons(updated.id));
    else await noticeOwner(store, updated, now, "repair.done", {}, fixedButtons(updated.id));
    return updated;
  }, "repair");
}
