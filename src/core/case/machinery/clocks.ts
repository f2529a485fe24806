import { deadlineAfter } from "../../domain/deadline.js";
import { WorkflowError } from "../../domain/errors.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";
import { breachDeadline, type Clock, type ClockRule, type ClockRuleId, type ClockSubject } from "../clock.js";
import type { CaseKind } from "../kind.js";

export interface StartClockInput {
  caseId: string;
  rule: ClockRuleId;
  anchor: Date;
  timeZone: string;
  subject?: ClockSubject | null;
  data?: Clock["data"];
  /** Overrides the rule's due instant (a deadline the owner asked for). */
  dueAt?: Date;
  /** Overrides the breach instant (an alert held until the staff's working hours). */
  breachAt?: Date;
}

/**
 * Starts a clock of one of `kind`'s rules at `anchor` and queues its jobs in the same
 * transaction: one at the due instant (the rule's effect) and one at the breach instant
 * (the escalation, or the next rung of a ladder).
 */
export async function startClock(store: Store, kind: CaseKind, input: StartClockInput): Promise<Clock> {
  const rule = ruleOf(kind, input.rule);
  const dueAt = input.dueAt ?? deadlineAfter(input.anchor, rule.due, input.timeZone);
  const breach = breachDeadline(rule);
  const clock: Clock = {
    id: newId(),
    caseId: input.caseId,
    rule: input.rule,
    subject: input.subject ?? null,
    startedAt: input.anchor,
    dueAt,
    breachAt: breach ? (input.breachAt ?? deadlineAfter(dueAt, breach, input.timeZone)) : null,
    stoppedAt: null,
    escalatedAt: null,
    data: input.data ?? {},
  };
  await store.clocks.create(clock);
  if (rule.onDue) await store.jobs.enqueue({ id: newId(), runAt: clock.dueAt, payload: { type: "clock.due", clockId: clock.id } });
  if (clock.breachAt) await store.jobs.enqueue({ id: newId(), runAt: clock.breachAt, payload: { type: "clock.breach", clockId: clock.id } });
  return clock;
}

/** Stops every running clock of the case whose rule is listed (all when omitted); their pending jobs become no-ops. */
export async function stopClocks(store: Store, caseId: string, at: Date, rules?: readonly ClockRuleId[]): Promise<Clock[]> {
  const running = await store.clocks.listRunning(caseId);
  const stopped: Clock[] = [];
  for (const clock of running) {
    if (rules && !rules.includes(clock.rule)) continue;
    const done = { ...clock, stoppedAt: at };
    await store.clocks.save(done);
    stopped.push(done);
  }
  return stopped;
}

/** The ids of `kind`'s rules whose due effect is `effect` (recording a callback stops every callback clock). */
export function rulesWithEffect(kind: CaseKind, effect: string): ClockRuleId[] {
  return Object.entries(kind.clockRules)
    .filter(([, rule]) => rule.onDue === effect)
    .map(([id]) => id);
}

function ruleOf(kind: CaseKind, id: ClockRuleId): ClockRule {
  const rule = kind.clockRules[id];
  if (!rule) throw new WorkflowError("not_found", `kind ${kind.id} has no clock rule ${id}`);
  return rule;
}
