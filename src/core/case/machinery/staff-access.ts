import { WorkflowError } from "../../domain/errors.js";
import type { StaffMember } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import type { Case } from "../case.js";
import type { CaseKind } from "../kind.js";

/** The staff member behind a staff user id, or `not_staff`: strangers in the channel change nothing. */
export async function requireStaff(store: Store, staffUserId: string): Promise<StaffMember> {
  const staff = await store.staff.findByUserId(staffUserId);
  if (!staff) throw new WorkflowError("not_staff", `staff user ${staffUserId} is not registered staff`);
  return staff;
}

export function requirePermission(staff: StaffMember, kind: CaseKind, action: string, subject: Case): void {
  if (!kind.mayPerform(staff, action, subject)) {
    throw new WorkflowError("forbidden", `${staff.staffUserId} (${staff.team}/${staff.role}) may not ${action} ${subject.number}`, {
      number: subject.number,
      action,
    });
  }
}

/** Callbacks and owner verification belong to the front desk (and managers). */
export function mayWorkFrontDesk(staff: StaffMember): boolean {
  return staff.team === "frontdesk" || staff.role === "manager";
}

/** @param subject what the refused click was about (a case number, a unit), for the explanation */
export function requireFrontDesk(staff: StaffMember, subject: string): void {
  if (!mayWorkFrontDesk(staff)) {
    throw new WorkflowError("forbidden", `${staff.staffUserId} is not front desk`, { action: "frontdesk", number: subject });
  }
}

/** The case, of `kindId` when given: a button of one kind never acts on a case of another. */
export async function requireCase<D = unknown>(store: Store, caseId: string, kindId?: string): Promise<Case<D>> {
  const found = await store.cases.findById(caseId);
  if (!found || (kindId !== undefined && found.kind !== kindId)) throw new WorkflowError("not_found", `case ${caseId} not found`);
  return found as Case<D>;
}
