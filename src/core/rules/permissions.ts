import type { TicketAction } from "../domain/lifecycle.js";
import type { StaffMember } from "../domain/registry.js";
import type { Ticket } from "../domain/ticket.js";

/**
 * Who may press which button. Team members work their own team's tickets; leaders dispatch
 * within their team; the front desk schedules and cancels on the owner's behalf; managers may
 * do everything.
 */
export function mayPerform(staff: StaffMember, action: TicketAction, ticket: Pick<Ticket, "team" | "assigneeId">): boolean {
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
      return leader || frontDesk;
    case "propose_time":
      return assignee || leader || frontDesk;
    case "start":
    case "complete":
    case "complete_before_leak_test":
    case "pass_leak_test":
      return assignee || leader;
    case "reopen":
    case "close":
    case "confirm_time":
    case "request_other_time":
      return frontDesk;
  }
}

/** Callbacks and owner verification belong to the front desk (and managers). */
export function mayWorkFrontDesk(staff: StaffMember): boolean {
  return staff.team === "frontdesk" || staff.role === "manager";
}

/** Repairs go to maintenance; public-area and safety repairs too, as they are fixed by engineers. */
export const repairTeam = "maintenance" as const;
