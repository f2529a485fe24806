import type { DeadlineSpec } from "../domain/deadline.js";
import type { ClockRule, ClockRuleId } from "./clock.js";
import type { CaseKind } from "./kind.js";

/** The due effect of every callback prompt clock: its firing puts the call in front of the front desk. */
export const callbackPromptEffect = "callback.prompt";

/** The prompt (of the case-prompt outbox shape) that asks the front desk to make a callback. */
export const callbackPrompt = "callback";

/**
 * Retry policy when the owner does not answer the callback: each retry is `<kind>.callback.retry`
 * (4 hours); after the third unanswered attempt the front desk leader owns it under
 * `<kind>.callback.unreachable`.
 */
export const callbackRetry = {
  source: "front desk practice for unanswered callbacks: at most 3 attempts",
  maxAttempts: 3,
} as const;

/** A callback is over once the case closes, goes back to its team, or its cancellation is confirmed. */
const defaultStopOn = ["close", "reopen", "confirm_cancel"] as const;

/** Not recorded by the window's end: the front desk leader is alerted once, with a mention. */
const alertFrontDeskLeaderAtWindowEnd = {
  after: {},
  to: { team: "frontdesk", role: "leader" },
  alertKey: "alerts.callback_overdue",
} as const;

/** The ids of the rules `callbackClockRules(kindId, windows)` declares. */
export type CallbackRuleId<K extends string, W extends string> = `${K}.callback.${W | "prompt" | "retry" | "unreachable"}`;

/**
 * The callback (回访) clocks of a kind, PROCEDURES.md §1 ("回访处理率达100%"). A window rule is
 * the callback's deadline: due at the window's end after the event that starts it, alerting the
 * front desk leader when it runs out. The prompt rules put the call in front of the front desk;
 * the unreachable rule is the leader's hold after the last unanswered attempt, then the manager.
 * Due instants that reach staff move to the next working hours unless the kind's callback policy
 * calls the case urgent (`machinery/callbacks.ts` applies that; the numbers are here). The ids are
 * stored with running clocks, so a kind must never rename its windows.
 */
export function callbackClockRules<K extends string, W extends string>(
  kindId: K,
  windows: Record<W, { source: string; due: DeadlineSpec }>,
  options: { stopOn?: readonly string[] } = {},
): Record<CallbackRuleId<K, W>, ClockRule> {
  const stopOn = options.stopOn ?? defaultStopOn;
  const rules: Record<ClockRuleId, ClockRule> = {};
  for (const [name, window] of Object.entries(windows) as [W, { source: string; due: DeadlineSpec }][]) {
    rules[`${kindId}.callback.${name}`] = { source: window.source, due: window.due, onDue: null, stopOn, escalation: alertFrontDeskLeaderAtWindowEnd };
  }
  rules[`${kindId}.callback.prompt`] = {
    source: "front desk practice: the front desk is asked to call the owner the day after the anchor event (completion, the leak test), in working hours",
    due: { days: 1 },
    onDue: callbackPromptEffect,
    stopOn,
    escalation: null,
  };
  rules[`${kindId}.callback.retry`] = {
    source: "front desk practice: an unanswered callback is tried again 4 hours later, in working hours",
    due: { hours: 4 },
    onDue: callbackPromptEffect,
    stopOn,
    escalation: null,
  };
  rules[`${kindId}.callback.unreachable`] = {
    source: "front desk practice: after the third unanswered attempt the front desk leader owns the callback for 1 working day, then the manager",
    due: { days: 1 },
    onDue: null,
    stopOn,
    escalation: { after: {}, to: { team: "manager", role: "manager" }, alertKey: "alerts.callback_unreachable_overdue" },
  };
  return rules as Record<CallbackRuleId<K, W>, ClockRule>;
}

/** Rules whose clocks put a callback prompt in front of the front desk: the first prompt, then retries. */
export function callbackPromptRuleIds(kindId: string): [ClockRuleId, ClockRuleId] {
  return [`${kindId}.callback.prompt`, `${kindId}.callback.retry`];
}

/** Every rule of a kind's callback clocks: its windows, prompts, retries and the leader's hold. */
export function callbackRuleIds(kind: Pick<CaseKind, "id" | "clockRules">): ClockRuleId[] {
  return Object.keys(kind.clockRules).filter((id) => id.startsWith(`${kind.id}.callback.`));
}
