import type { PermissionHolder } from "../../case/permission.js";
import { holdsPermission } from "../../case/permission.js";
import type { StaffMember } from "../../domain/registry.js";
import type { ServiceCase } from "./details.js";
import type { ServiceAction } from "./lifecycle.js";

/** What the owner answers on the bot; the front desk may record it for them when they call. */
const ownersAnswer: readonly PermissionHolder[] = ["frontdesk"];
const leader: readonly PermissionHolder[] = ["team_leader"];
/** The work itself: the member it is assigned to, or the leader. */
const worker: readonly PermissionHolder[] = ["assignee", "team_leader"];

/**
 * Who may press which button on a service order. The team serving it (cleaning or greening):
 * its leader prices, quotes, schedules, dispatches and ends packages; the assignee or the leader
 * starts and finishes the work; the front desk cancels and makes the callback; managers may do
 * everything. Refusals quote this table.
 */
export const servicePermissionHolders: Record<ServiceAction, readonly PermissionHolder[]> = {
  claim: ["team_member"],
  assign: leader,
  schedule_site_visit: leader,
  quote: leader,
  accept_quote: ownersAnswer,
  accept_package_quote: ownersAnswer,
  decline_quote: ownersAnswer,
  propose_time: leader,
  confirm_time: ownersAnswer,
  request_other_time: ownersAnswer,
  reschedule: ownersAnswer,
  reschedule_time: ownersAnswer,
  start: worker,
  done: worker,
  accept_work: ownersAnswer,
  report_problem: ownersAnswer,
  propose_visit_time: leader,
  confirm_visit_time: ownersAnswer,
  request_other_visit_time: ownersAnswer,
  start_visit: worker,
  done_visit: worker,
  accept_visit: ownersAnswer,
  report_visit_problem: ownersAnswer,
  end_package: leader,
  close: ["frontdesk"],
  rework: ["frontdesk"],
  cancel: ["frontdesk"],
};

export function mayPerformService(staff: StaffMember, action: ServiceAction, order: Pick<ServiceCase, "team" | "assigneeId">): boolean {
  return holdsPermission(staff, servicePermissionHolders[action] ?? [], order);
}
