import type { RepairCategory } from "./details.js";
import type { RepairClockRuleId } from "./clock-rules.js";

/**
 * PROCEDURES.md §1, follow-up (回访): every repair gets a callback. Safety facilities and
 * ordinary repairs within 2 days after completion; water leaks within 3 days after the leak test.
 */
export const callbackWindows: Record<"safety" | "leak" | "ordinary", { anchor: "completed" | "leak_test_passed"; rule: RepairClockRuleId }> = {
  safety: { anchor: "completed", rule: "repair.callback.safety" },
  leak: { anchor: "leak_test_passed", rule: "repair.callback.leak" },
  ordinary: { anchor: "completed", rule: "repair.callback.ordinary" },
};

export function callbackWindowFor(category: RepairCategory) {
  if (category === "water_leak") return callbackWindows.leak;
  if (category === "safety") return callbackWindows.safety;
  return callbackWindows.ordinary;
}

/**
 * Retry policy when the owner does not answer the callback: the retry clock's due (4 hours) is
 * `repair.callback.retry`; after the third unanswered attempt the front desk leader takes over.
 */
export const callbackRetry = {
  source: "front desk practice for unanswered callbacks",
  maxAttempts: 3,
} as const;

/** The prompt (of the case-prompt outbox shape) that asks the front desk to make a callback. */
export const callbackPrompt = "callback";
