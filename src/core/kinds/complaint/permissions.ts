import type { PermissionHolder, PermissionSubject } from "../../case/permission.js";
import { holdsPermission } from "../../case/permission.js";
import type { StaffMember } from "../../domain/registry.js";
import type { ComplaintCase } from "./details.js";
import type { ComplaintAction } from "./lifecycle.js";

/**
 * Who may press which button on a complaint. The front desk records, classifies and routes; the
 * responsible person (the assignee) and the head of the department it was routed to handle it;
 * managers may do everything. Acknowledging is the recipient's own: a major complaint's by a
 * manager (no holder but managers), a service error's by the head of the department.
 */
const holders: Record<ComplaintAction, readonly PermissionHolder[]> = {
  classify: ["frontdesk"],
  mark_invalid: ["frontdesk"],
  acknowledge: ["team_leader"],
  route: ["frontdesk"],
  contact_owner: ["assignee", "team_leader", "frontdesk"],
  send_answer: ["assignee", "team_leader", "frontdesk"],
  supervisor_takeover: ["frontdesk"],
  harm_ongoing: ["assignee", "team_leader", "frontdesk"],
  resolve: ["assignee", "team_leader", "frontdesk"],
  reopen: ["frontdesk"],
  close: ["frontdesk"],
  cancel: ["frontdesk"],
};

export function complaintPermissionHolders(action: ComplaintAction, subject: Pick<ComplaintCase, "details">): readonly PermissionHolder[] {
  if (action === "acknowledge" && subject.details.tier !== "service_error") return [];
  return holders[action] ?? [];
}

/** Team rights are the department's: the card is the front desk's, the work is the department's. */
export function complaintPermissionSubject(subject: Pick<ComplaintCase, "details" | "assigneeId">): PermissionSubject {
  return { team: subject.details.department ?? "frontdesk", assigneeId: subject.assigneeId };
}

export function mayPerformComplaint(staff: StaffMember, action: ComplaintAction, subject: ComplaintCase): boolean {
  return holdsPermission(staff, complaintPermissionHolders(action, subject), complaintPermissionSubject(subject));
}

/** Complaints are received and followed by the front desk; its channel holds their cards. */
export const complaintTeam = "frontdesk" as const;
