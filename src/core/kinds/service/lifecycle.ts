import type { Lifecycle } from "../../case/lifecycle.js";
import { type ServiceStatus, serviceStatuses } from "./details.js";

const open = ["new", "site_visit", "quoted", "agreed", "awaiting_confirmation", "scheduled"] as const satisfies readonly ServiceStatus[];

const transitions = {
  claim: { from: ["new"] },
  assign: { from: [...open, "in_progress", "done", "active"] },
  schedule_site_visit: { from: ["new", "site_visit"], to: "site_visit" },
  // The use case refuses a quote before the site visit where the standard prices on site.
  quote: { from: ["new", "site_visit", "quoted", "agreed"], to: "quoted" },
  accept_quote: { from: ["quoted"], to: "agreed" },
  // A package's quote carries its weekday and time: accepting it confirms its visits.
  accept_package_quote: { from: ["quoted"], to: "active" },
  decline_quote: { from: ["quoted"], to: "declined" },
  // A one-off priced by the standard needs no quote: the leader proposes a time at once.
  propose_time: { from: ["new", "agreed", "awaiting_confirmation", "scheduled"], to: "awaiting_confirmation" },
  confirm_time: { from: ["awaiting_confirmation"], to: "scheduled" },
  request_other_time: { from: ["awaiting_confirmation"], to: "agreed" },
  // The owner moves the visit before the team is on the way; a confirmed work order is voided.
  reschedule: { from: ["new", "site_visit", "quoted", "agreed", "awaiting_confirmation", "scheduled"] },
  // Moving a proposed or confirmed time voids it (and its work order): a time is agreed again.
  reschedule_time: { from: ["awaiting_confirmation", "scheduled"], to: "agreed" },
  start: { from: ["scheduled"], to: "in_progress" },
  done: { from: ["in_progress"], to: "done" },
  accept_work: { from: ["done"], to: "awaiting_callback" },
  report_problem: { from: ["done"], to: "in_progress" },
  // Package visits are steps within the active package (each its own work order).
  propose_visit_time: { from: ["active"] },
  confirm_visit_time: { from: ["active"] },
  request_other_visit_time: { from: ["active"] },
  start_visit: { from: ["active"] },
  done_visit: { from: ["active"] },
  accept_visit: { from: ["active"] },
  report_visit_problem: { from: ["active"] },
  end_package: { from: ["active"], to: "ended" },
  close: { from: ["awaiting_callback"], to: "closed" },
  // Reached and not satisfied: back to the team to put it right.
  rework: { from: ["awaiting_callback"], to: "in_progress" },
  cancel: { from: open, to: "cancelled" },
} as const satisfies Record<string, { from: readonly ServiceStatus[]; to?: ServiceStatus }>;

export type ServiceAction = keyof typeof transitions;

/** Service orders (登记 → 上门定价 → 报价 → 约时 → 派工 → 完工 → 验收 → 收费 → 回访) as a transition table. */
export const serviceLifecycle: Lifecycle<ServiceStatus, ServiceAction> = { statuses: serviceStatuses, initial: "new", transitions };

export const serviceFinalStatuses = ["closed", "ended", "declined", "cancelled"] as const satisfies readonly ServiceStatus[];
