import type { StaffMember } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import type { WorkflowContext } from "../../ports/workflow-context.js";
import type { Case } from "../case.js";
import type { CaseKind } from "../kind.js";
import { nextStatus } from "../lifecycle.js";
import { requireCase, requirePermission, requireStaff } from "./staff-access.js";

export interface StaffCaseInput {
  caseId: string;
  staffUserId: string;
}

export interface StaffCaseScope<D> {
  store: Store;
  staff: StaffMember;
  subject: Case<D>;
  kind: CaseKind;
  now: Date;
  /** The lifecycle action checked, as the kind resolved the requested one for the case's state. */
  action: string;
}

/**
 * Frame of every button a staff member presses on a card: one transaction, the clicker must be
 * staff with the kind's right for the action, and the kind's lifecycle must allow it, before
 * `apply`. `kindId` restricts the case to one kind (a repair-only action on another kind is `not_found`).
 */
export async function staffCaseAction<D = unknown>(
  ctx: WorkflowContext,
  input: StaffCaseInput,
  action: string,
  apply: (scope: StaffCaseScope<D>) => Promise<Case<D>>,
  kindId?: string,
): Promise<Case<D>> {
  const now = ctx.time.now();
  const result = await ctx.uow.transaction(async (store) => {
    const checked = await checkedStaffCase<D>(ctx, store, input, action, kindId);
    return apply({ store, now, ...checked });
  });
  ctx.onOutboxWritten?.();
  return result;
}

/** The checks of {@link staffCaseAction}, in the caller's transaction. */
export async function checkedStaffCase<D = unknown>(
  ctx: Pick<WorkflowContext, "kinds">,
  store: Store,
  input: StaffCaseInput,
  action: string,
  kindId?: string,
): Promise<{ staff: StaffMember; subject: Case<D>; kind: CaseKind; action: string }> {
  const staff = await requireStaff(store, input.staffUserId);
  const subject = await requireCase<D>(store, input.caseId, kindId);
  const kind = ctx.kinds.kindOf(subject);
  const resolved = kind.resolveAction?.(action, subject) ?? action;
  nextStatus(kind.lifecycle, subject, resolved);
  await requirePermission(store, staff, kind, resolved, subject);
  return { staff, subject, kind, action: resolved };
}
