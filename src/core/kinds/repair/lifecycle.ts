import type { Lifecycle } from "../../case/lifecycle.js";
import { canPerform } from "../../case/lifecycle.js";
import { type RepairCase, type RepairStatus, repairStatuses } from "./details.js";

const transitions = {
  claim: { from: ["new"], to: "assigned" },
  assign: { from: ["new", "assigned"], to: "assigned" },
  propose_time: { from: ["assigned", "awaiting_confirmation", "scheduled"], to: "awaiting_confirmation" },
  confirm_time: { from: ["awaiting_confirmation"], to: "scheduled" },
  request_other_time: { from: ["awaiting_confirmation"], to: "assigned" },
  start: { from: ["scheduled"], to: "in_progress" },
  complete: { from: ["in_progress"], to: "awaiting_callback" },
  complete_before_leak_test: { from: ["in_progress"], to: "leak_test_pending" },
  pass_leak_test: { from: ["leak_test_pending"], to: "awaiting_callback" },
  // The leak test found the leak still there: back to the technician, with a new visit to agree.
  fail_leak_test: { from: ["leak_test_pending"], to: "assigned" },
  reopen: { from: ["leak_test_pending", "awaiting_callback"], to: "assigned" },
  close: { from: ["awaiting_callback"], to: "closed" },
  cancel: { from: ["new", "assigned", "awaiting_confirmation", "scheduled"], to: "cancelled" },
  // Work has started: the repair cannot end before its callback asks the owner whether the cancellation is right.
  cancel_after_start: { from: ["in_progress", "leak_test_pending"], to: "awaiting_callback" },
  confirm_cancel: { from: ["awaiting_callback"], to: "cancelled" },
  // A corrected category decides whether a leak test is owed (see use-cases/correct-repair.ts).
  skip_leak_test: { from: ["leak_test_pending"], to: "awaiting_callback" },
  require_leak_test: { from: ["awaiting_callback"], to: "leak_test_pending" },
} as const satisfies Record<string, { from: readonly RepairStatus[]; to: RepairStatus }>;

export type RepairAction = keyof typeof transitions;

/** The repair lifecycle (报修 → 派工 → 上门 → 完工 → 回访) as a transition table. */
export const repairLifecycle: Lifecycle<RepairStatus, RepairAction> = { statuses: repairStatuses, initial: "new", transitions };

export const repairFinalStatuses = ["closed", "cancelled"] as const satisfies readonly RepairStatus[];

/** Transitions only a correction of the category performs; the card has no button for them. */
const correctionActions: ReadonlySet<RepairAction> = new Set(["skip_leak_test", "require_leak_test"]);

/** Actions the dispatch card offers for a status, in button order: a leak completes before its leak test. */
export function repairCardActions(ticket: RepairCase): RepairAction[] {
  const leak = ticket.details.category === "water_leak";
  return (Object.keys(transitions) as RepairAction[]).filter((action) => {
    if (correctionActions.has(action)) return false;
    if (action === "complete" && leak) return false;
    if (action === "complete_before_leak_test" && !leak) return false;
    return canPerform(repairLifecycle, ticket.status, action);
  });
}
