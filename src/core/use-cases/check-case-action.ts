import type { Case } from "../case/case.js";
import { checkedStaffCase, type StaffCaseInput } from "../case/machinery/staff-case-action.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

/**
 * The checks of a staff action without the action, writing nothing: run before a modal opens,
 * so someone without the right hears why at the click instead of after filling a form. The
 * submission runs the real use case, which checks again. `kindId` restricts it to one kind's cases.
 */
export async function checkCaseAction(ctx: WorkflowContext, input: StaffCaseInput, action: string, kindId?: string): Promise<Case> {
  return ctx.uow.transaction(async (store) => (await checkedStaffCase(ctx, store, input, action, kindId)).subject);
}
