import { transitionCase } from "../../../case/machinery/changes.js";
import { openCallback } from "../../../case/machinery/callbacks.js";
import { type OwnerCaseInput, ownerActor } from "../../../case/machinery/owner-case-action.js";
import { issueReceipt, noticeReceipt } from "../../../case/machinery/receipts.js";
import { type WorkflowContext, workingHoursOf } from "../../../ports/workflow-context.js";
import { serviceCallbackWindows } from "../callback.js";
import type { ServiceCase } from "../details.js";
import { agreedLines } from "../receipt-lines.js";
import { currentWorkOrder, ownerServiceStep, updateWorkOrder } from "../service-steps.js";

/**
 * The owner inspects and accepts the work (验收): the fee is recorded at the agreed amount
 * against the next receipt number, the owner gets the receipt, and the front desk's callback
 * opens (asked the next working day, due 2 days after the acceptance). Work accepted again after
 * a rework is not charged twice.
 */
export async function acceptWork(ctx: WorkflowContext, input: OwnerCaseInput): Promise<ServiceCase> {
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    const order = await currentWorkOrder(store, subject.id);
    if (order) await updateWorkOrder(store, order, now, { status: "accepted", acceptedAt: now });
    const updated = await transitionCase(store, kind, subject, {
      action: "accept_work",
      event: "work_accepted",
      actor: ownerActor(subject),
      at: now,
      details: { acceptedAt: now },
      data: { workOrder: order?.number ?? null },
    });
    const charged = (await store.receipts.listByCase(subject.id)).some((receipt) => receipt.period === null);
    if (!charged) {
      const lines = await agreedLines(store, subject);
      const receipt = await issueReceipt(store, { caseId: subject.id, workOrderId: order?.id ?? null, unitId: subject.unitId, payerId: subject.reporterId, lines }, now, ctx.timeZone);
      await noticeReceipt(store, updated, receipt, now);
    }
    await openCallback(store, kind, updated, now, { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) }, serviceCallbackWindows.accepted);
    return updated;
  });
}
