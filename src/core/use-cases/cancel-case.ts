import { z } from "zod";
import type { Case } from "../case/case.js";
import { noticeOwner, transitionCase } from "../case/machinery/changes.js";
import { type StaffCaseInput, staffCaseAction } from "../case/machinery/staff-case-action.js";
import { parseInput } from "../domain/errors.js";
import { type WorkflowContext, workingHoursOf } from "../ports/workflow-context.js";

export const CancelReasonSchema = z.string().trim().min(2, "a reason is required").max(500);

export interface CancelCaseInput extends StaffCaseInput {
  reason: string;
}

/**
 * Cancels with a reason the owner is told; the kind's lifecycle says until when (a finished
 * repair cannot be) and through which action (a repair whose work started keeps its callback).
 */
export async function cancelCase(ctx: WorkflowContext, input: CancelCaseInput): Promise<Case> {
  const reason = parseInput(CancelReasonSchema, input.reason);
  return staffCaseAction(ctx, input, "cancel", async ({ store, staff, subject, kind, now, action }) => {
    const updated = await transitionCase(store, kind, subject, {
      action,
      actor: { type: "staff", id: staff.id },
      at: now,
      header: { cancelReason: reason },
      data: { reason },
    });
    await kind.afterCancel?.({ store, kind, subject: updated, action, now, timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) });
    await noticeOwner(store, updated, now, `${kind.id}.${action === "cancel" ? "cancelled" : "cancelled_pending_callback"}`, { reason });
    return updated;
  });
}
