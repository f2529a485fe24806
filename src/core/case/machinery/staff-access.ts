import { WorkflowError } from "../../domain/errors.js";
import type { StaffMember } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import type { Case } from "../case.js";
import type { CaseKind } from "../kind.js";
import { refusal } from "../permission.js";

/** The staff member behind a staff user id, or `not_staff`: strangers in the channel change nothing. */
export async function requireStaff(store: Store, staffUserId: string): Promise<StaffMember> {
  const staff = await store.staff.findByUserId(staffUserId);
  if (!staff) throw new WorkflowError("not_staff", `staff user ${staffUserId} is not registered staff`);
  return staff;
}

/**
 * Refuses with who could have (see {@link refusal}); holders that name nobody leave the right to
 * managers alone, and the refusal says so. A kind that lists no holders refuses plainly.
 */
export async function requirePermission(store: Store, staff: StaffMember, kind: CaseKind, action: string, subject: Case): Promise<void> {
  if (kind.mayPerform(staff, action, subject)) return;
  const holders = kind.permissionHolders?.(action, subject);
  if (holders) throw await refusal(store, staff, holders, kind.permissionSubject?.(action, subject) ?? subject, { action, number: subject.number });
  throw new WorkflowError("forbidden", `${staff.staffUserId} (${staff.team}/${staff.role}) may not ${action} ${subject.number}`, {
    number: subject.number,
    action,
  });
}

/** Callbacks and owner verification belong to the front desk (and managers). */
export function mayWorkFrontDesk(staff: StaffMember): boolean {
  return staff.team === "frontdesk" || staff.role === "manager";
}

/**
 * @param subject what the refused click was about (a case number, a unit), for the explanation
 * @param action what was refused, as the refusal names it (`record_callback`, `decide_verification`)
 */
export async function requireFrontDesk(store: Store, staff: StaffMember, subject: string, action: string): Promise<void> {
  if (mayWorkFrontDesk(staff)) return;
  throw await refusal(store, staff, ["frontdesk"], { team: "frontdesk", assigneeId: null }, { action, number: subject });
}

/** The case, of `kindId` when given: a button of one kind never acts on a case of another. */
export async function requireCase<D = unknown>(store: Store, caseId: string, kindId?: string): Promise<Case<D>> {
  const found = await store.cases.findById(caseId);
  if (!found || (kindId !== undefined && found.kind !== kindId)) throw new WorkflowError("not_found", `case ${caseId} not found`);
  return found as Case<D>;
}
