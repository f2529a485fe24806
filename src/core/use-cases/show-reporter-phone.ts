import { recordEvent } from "../case/machinery/changes.js";
import { requireCase, requireFrontDesk, requireStaff } from "../case/machinery/staff-access.js";
import { WorkflowError } from "../domain/errors.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

/**
 * The full phone of the resident a case is about, for the front desk to dial (cards and prompts
 * show it masked). Every showing is in the case's history with who asked: the number is personal data.
 */
export async function showReporterPhone(ctx: WorkflowContext, input: { caseId: string; staffUserId: string }): Promise<{ name: string; phone: string; number: string }> {
  const now = ctx.time.now();
  return ctx.uow.transaction(async (store) => {
    const staff = await requireStaff(store, input.staffUserId);
    const subject = await requireCase(store, input.caseId);
    await requireFrontDesk(store, staff, subject.number, "show_number");
    const resident = await store.residents.findById(subject.reporterId);
    if (!resident) throw new WorkflowError("not_found", `resident ${subject.reporterId} of ${subject.number} is gone`);
    await recordEvent(store, subject, { type: "phone_shown", actor: { type: "staff", id: staff.id }, at: now, data: { by: staff.name } });
    return { name: resident.name, phone: resident.phone, number: subject.number };
  });
}
