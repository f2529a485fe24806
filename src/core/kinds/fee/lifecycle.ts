import type { Lifecycle } from "../../case/lifecycle.js";
import { type FeeStatus, feeStatuses } from "./details.js";

const transitions = {
  // Steps within the open file: each is a history event with its time (evidence).
  remind: { from: ["open"] },
  acknowledge: { from: ["open"] },
  promise: { from: ["open"] },
  dispute: { from: ["open"] },
  give_reason: { from: ["open"] },
  issue_letter: { from: ["open"] },
  mark_sent: { from: ["open"] },
  home_visit_due: { from: ["open"] },
  home_visit_done: { from: ["open"] },
  record_payment: { from: ["open", "referred"] },
  // A payment leaving nothing due outstanding ends the file, also one with the legal channel.
  settle: { from: ["open", "referred"], to: "settled" },
  refer_to_legal: { from: ["open"], to: "referred" },
  cancel: { from: ["open"], to: "cancelled" },
} as const satisfies Record<string, { from: readonly FeeStatus[]; to?: FeeStatus }>;

export type FeeAction = keyof typeof transitions;

/** A household's arrears file (催缴): open while the ladder runs, then settled, referred or cancelled. */
export const feeLifecycle: Lifecycle<FeeStatus, FeeAction> = { statuses: feeStatuses, initial: "open", transitions };

export const feeFinalStatuses = ["settled", "cancelled"] as const satisfies readonly FeeStatus[];

/** Statuses in which the household's file stands: the reminder run, a payment and `/fees` find it. */
export const feeStandingStatuses = ["open", "referred"] as const satisfies readonly FeeStatus[];
