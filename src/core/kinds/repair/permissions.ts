import type { StaffMember } from "../../domain/registry.js";
import type { RepairCase } from "./details.js";
import type { RepairAction } from "./lifecycle.js";

/**
 * Who may press which button on a repair. Team members work their own team's repairs; leaders
 * dispatch within their team; the front desk schedules and cancels on the owner's behalf;
 * managers may do everything.
 */
export function mayPerformRepair(staff: StaffMember, action: RepairAction, ticket: Pick<RepairCase, "team" | "assigneeId">): boolean {
  if (staff.role === "manager") return true;
  const ownTeam = staff.team === ticket.team;
  const leader = ownTeam && staff.role === "leader";
  const frontDesk = staff.team === "frontdesk";
  const assignee = ticket.assigneeId === staff.id;
  switch (action) {
    case "claim":
      return ownTeam;
    case "assign":
    case "cancel":
    case "cancel_after_start":
      return leader || frontDesk;
    case "propose_time":
      return assignee || leader || frontDesk;
    case "start":
    case "complete":
    case "complete_before_leak_test":
    case "pass_leak_test":
    case "fail_leak_test":
      return assignee || leader;
    case "reopen":
    case "close":
    case "confirm_cancel":
    case "skip_leak_test":
    case "require_leak_test":
    case "confirm_time":
    case "request_other_time":
      return frontDesk;
  }
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
