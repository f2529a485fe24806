import type { Lifecycle } from "../../case/lifecycle.js";
import { canPerform } from "../../case/lifecycle.js";
import { type ComplaintCase, type ComplaintStatus, complaintStatuses } from "./details.js";

/** While a complaint is being handled: received (not yet classified) or open. */
const handling = ["received", "open"] as const;

const transitions = {
  // PROCEDURES.md §2: classify and route immediately; the tier's clocks start from the reception.
  classify: { from: ["received"], to: "open" },
  // An invalid complaint is still answered helpfully: the reply goes with the action.
  mark_invalid: { from: handling, to: "invalid" },
  // Steps recorded within the open complaint; each stops the clock that waits for it.
  acknowledge: { from: ["open"] },
  route: { from: ["open"] },
  contact_owner: { from: ["open"] },
  send_answer: { from: ["open"] },
  supervisor_takeover: { from: handling },
  // Stop the harm first, then process the complaint: offered before classification too.
  harm_ongoing: { from: handling },
  resolve: { from: ["open"], to: "resolved" },
  // The owner or the callback says it is not resolved.
  reopen: { from: ["resolved"], to: "open" },
  // The callback (回访) found the owner satisfied.
  close: { from: ["resolved"], to: "closed" },
  cancel: { from: handling, to: "cancelled" },
} as const satisfies Record<string, { from: readonly ComplaintStatus[]; to?: ComplaintStatus }>;

export type ComplaintAction = keyof typeof transitions;

/** The complaint lifecycle (受理 → 分级 → 处理 → 答复 → 回访) as a transition table. */
export const complaintLifecycle: Lifecycle<ComplaintStatus, ComplaintAction> = { statuses: complaintStatuses, initial: "received", transitions };

export const complaintFinalStatuses = ["closed", "invalid", "cancelled"] as const satisfies readonly ComplaintStatus[];

/** Actions only the owner, the callback or the machinery performs: no button on the card. */
const withoutButton: ReadonlySet<ComplaintAction> = new Set(["reopen", "close"]);

/**
 * The card's buttons for the complaint's state, in order: Classify (the tiers and Invalid) while
 * received; then the steps of the handling. Acknowledge is offered while the tier waits for one
 * (the manager's of a major complaint, the department head's of a service error); Route sends it to
 * (another) department.
 */
export function complaintCardActions(subject: ComplaintCase): ComplaintAction[] {
  const { tier, acknowledgedAt } = subject.details;
  return (Object.keys(transitions) as ComplaintAction[]).filter((action) => {
    if (withoutButton.has(action)) return false;
    if (action === "acknowledge" && (acknowledgedAt !== null || tier === "minor")) return false;
    if (action === "harm_ongoing" && subject.details.harmRepairId !== null) return false;
    return canPerform(complaintLifecycle, subject.status, action);
  });
}
