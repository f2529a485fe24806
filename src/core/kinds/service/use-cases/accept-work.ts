import { openCallback } from "../../../case/machinery/callbacks.js";
import { type OwnerCaseInput, ownerActor } from "../../../case/machinery/owner-case-action.js";
import { issueReceipt, noticeReceipt } from "../../../case/machinery/receipts.js";
import { type WorkflowContext, workingHoursOf } from "../../../ports/workflow-context.js";
import { serviceCallbackWindows } from "../callback.js";
import type { ServiceCase } from "../details.js";
import { acceptVisit } from "../package/owner-visit-steps.js";
import { agreedLines } from "../receipt-lines.js";
import { ownerServiceStep, transitionWithWorkOrder } from "../service-steps.js";

/**
 * The owner inspects and accepts the work (验收): the fee is recorded at the agreed amount
 * against the next receipt number, the owner gets the receipt, and the front desk's callback
 * opens (asked the next working day, due 2 days after the acceptance). Work accepted again after
 * a rework is not charged twice.
 */
export async function acceptWork(ctx: WorkflowContext, input: OwnerCaseInput & { visitAt?: string }): Promise<ServiceCase> {
  // A package visit is accepted on its own; the month's receipt follows at month end.
  if (input.visitAt !== undefined) return acceptVisit(ctx, { ...input, visitAt: input.visitAt });
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    const { updated, workOrder } = await transitionWithWorkOrder(
      store,
      kind,
      subject,
      { action: "accept_work", event: "work_accepted", actor: ownerActor(subject), at: now, details: { acceptedAt: now } },
      { status: "accepted", acceptedAt: now },
    );
    const charged = (await store.receipts.listByCase(subject.id)).some((receipt) => receipt.period === null);
    if (!charged) {
      const lines = await agreedLines(store, subject);
      const receipt = await issueReceipt(store, { caseId: subject.id, workOrderId: workOrder?.id ?? null, unitId: subject.unitId, payerId: subject.reporterId, lines }, now, ctx.timeZone);
      await noticeReceipt(store, updated, receipt, now);
    }
    await openCallback(store, kind, updated, now, { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) }, serviceCallbackWindows.accepted);
    return updated;
  });
}
