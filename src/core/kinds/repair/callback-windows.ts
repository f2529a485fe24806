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
