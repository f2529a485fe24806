import type { RepairCategory } from "./details.js";
import type { RepairClockRuleId } from "./clock-rules.js";

/** What a callback's window counts from: the completion, the leak test, or a cancellation after work started. */
export type CallbackAnchor = "completed" | "leak_test_passed" | "cancelled_after_start";

/**
 * PROCEDURES.md §1, follow-up (回访): every repair gets a callback. Safety facilities and
 * ordinary repairs within 2 days after completion; water leaks within 3 days after the leak test;
 * a repair cancelled after its work started within 2 days after the cancellation.
 */
export const callbackWindows: Record<"safety" | "leak" | "ordinary" | "cancelled", { anchor: CallbackAnchor; rule: RepairClockRuleId }> = {
  safety: { anchor: "completed", rule: "repair.callback.safety" },
  leak: { anchor: "leak_test_passed", rule: "repair.callback.leak" },
  ordinary: { anchor: "completed", rule: "repair.callback.ordinary" },
  cancelled: { anchor: "cancelled_after_start", rule: "repair.callback.cancelled" },
};

export function callbackWindowFor(category: RepairCategory) {
  if (category === "water_leak") return callbackWindows.leak;
  if (category === "safety") return callbackWindows.safety;
  return callbackWindows.ordinary;
}

/**
 * A safety facility (fire, gas, electrical safety, access control) is urgent: its prompts,
 * retries and escalations reach staff at once, whatever the hour; every other repair waits for
 * the working hours.
 */
export function isUrgentRepair(category: RepairCategory): boolean {
  return category === "safety";
}

/**
 * Retry policy when the owner does not answer the callback: each retry is `repair.callback.retry`
 * (4 hours); after the third unanswered attempt the front desk leader owns it under
 * `repair.callback.unreachable`.
 */
export const callbackRetry = {
  source: "front desk practice for unanswered callbacks: at most 3 attempts",
  maxAttempts: 3,
} as const;

/** Rules whose clocks put a callback prompt in front of the front desk (first prompt, retries). */
export const callbackPromptRules = ["repair.callback.prompt", "repair.callback.retry"] as const satisfies readonly RepairClockRuleId[];

/** The prompt (of the case-prompt outbox shape) that asks the front desk to make a callback. */
export const callbackPrompt = "callback";
