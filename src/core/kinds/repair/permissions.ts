import type { PermissionHolder } from "../../case/permission.js";
import { holdsPermission } from "../../case/permission.js";
import type { StaffMember } from "../../domain/registry.js";
import type { RepairCase } from "./details.js";
import type { RepairAction } from "./lifecycle.js";

/**
 * Who may press which button on a repair. Team members work their own team's repairs; leaders
 * dispatch within their team; the front desk schedules and cancels on the owner's behalf;
 * managers may do everything. Refusals quote this table, so it is the one place the rule lives.
 */
export const repairPermissionHolders: Record<RepairAction, readonly PermissionHolder[]> = {
  claim: ["team_member"],
  assign: ["team_leader", "frontdesk"],
  cancel: ["team_leader", "frontdesk"],
  cancel_after_start: ["team_leader", "frontdesk"],
  propose_time: ["assignee", "team_leader", "frontdesk"],
  start: ["assignee", "team_leader"],
  complete: ["assignee", "team_leader"],
  complete_before_leak_test: ["assignee", "team_leader"],
  pass_leak_test: ["assignee", "team_leader"],
  fail_leak_test: ["assignee", "team_leader"],
  reopen: ["frontdesk"],
  close: ["frontdesk"],
  confirm_cancel: ["frontdesk"],
  skip_leak_test: ["frontdesk"],
  require_leak_test: ["frontdesk"],
  confirm_time: ["frontdesk"],
  request_other_time: ["frontdesk"],
};

export function mayPerformRepair(staff: StaffMember, action: RepairAction, ticket: Pick<RepairCase, "team" | "assigneeId">): boolean {
  return holdsPermission(staff, repairPermissionHolders[action], ticket);
}

/**
 * Who may correct a repair's category or its warranty/paid decision: the front desk, which
 * recorded it, the leader of the team doing it, and managers.
 */
export function mayCorrectRepair(staff: StaffMember, ticket: Pick<RepairCase, "team">): boolean {
  return staff.role === "manager" || staff.team === "frontdesk" || (staff.team === ticket.team && staff.role === "leader");
}

/** Repairs go to maintenance; public-area and safety repairs too, as they are fixed by engineers. */
export const repairTeam = "maintenance" as const;
