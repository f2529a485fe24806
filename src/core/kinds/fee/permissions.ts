import type { PermissionHolder } from "../../case/permission.js";
import { holdsPermission } from "../../case/permission.js";
import type { StaffMember } from "../../domain/registry.js";
import type { FeeCase } from "./details.js";
import type { FeeAction } from "./lifecycle.js";

/** The front desk (members and leader) works the ladder; it may record an owner's answer given by phone. */
const frontdesk: readonly PermissionHolder[] = ["frontdesk"];
/** Managers only: holders name nobody else, and a manager always holds a right. */
const managerOnly: readonly PermissionHolder[] = [];

/** Who may take which step of a household's arrears file (PROCEDURES.md §3); refusals quote this table. */
export const feePermissionHolders: Record<FeeAction, readonly PermissionHolder[]> = {
  remind: frontdesk,
  acknowledge: frontdesk,
  promise: frontdesk,
  dispute: frontdesk,
  give_reason: frontdesk,
  issue_letter: frontdesk,
  mark_sent: frontdesk,
  home_visit_due: frontdesk,
  home_visit_done: frontdesk,
  record_payment: frontdesk,
  settle: frontdesk,
  // PROCEDURES.md §3: the legal channel is for long-term refusal without reason, the manager's decision.
  refer_to_legal: managerOnly,
  cancel: frontdesk,
};

export function mayPerformFee(staff: StaffMember, action: FeeAction, subject: Pick<FeeCase, "team" | "assigneeId">): boolean {
  return holdsPermission(staff, feePermissionHolders[action] ?? [], subject);
}
