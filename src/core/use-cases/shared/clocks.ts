import type { Clock, ClockRuleId } from "../../domain/clock.js";
import { deadlineAfter } from "../../domain/deadline.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";
import { clockRules } from "../../rules/clocks.js";

/**
 * Starts a clock at `anchor` by its rule and queues its jobs in the same transaction: one at
 * the due instant (the rule's effect) and one at the breach instant (the escalation).
 */
export async function startClock(
  store: Store,
  input: { ticketId: string; rule: ClockRuleId; anchor: Date; timeZone: string; data?: Clock["data"]; dueAt?: Date },
): Promise<Clock> {
  const rule = clockRules[input.rule];
  const dueAt = input.dueAt ?? deadlineAfter(input.anchor, rule.due, input.timeZone);
  const clock: Clock = {
    id: newId(),
    ticketId: input.ticketId,
    rule: input.rule,
    startedAt: input.anchor,
    dueAt,
    breachAt: rule.escalation ? deadlineAfter(dueAt, rule.escalation.after, input.timeZone) : null,
    stoppedAt: null,
    escalatedAt: null,
    data: input.data ?? {},
  };
  await store.clocks.create(clock);
  if (rule.onDue) await store.jobs.enqueue({ id: newId(), runAt: clock.dueAt, payload: { type: "clock.due", clockId: clock.id } });
  if (clock.breachAt) await store.jobs.enqueue({ id: newId(), runAt: clock.breachAt, payload: { type: "clock.breach", clockId: clock.id } });
  return clock;
}

/** Stops every running clock of the ticket whose rule matches; their pending jobs become no-ops. */
export async function stopClocks(store: Store, ticketId: string, at: Date, rules?: readonly ClockRuleId[]): Promise<Clock[]> {
  const running = await store.clocks.listRunning(ticketId);
  const stopped: Clock[] = [];
  for (const clock of running) {
    if (rules && !rules.includes(clock.rule)) continue;
    const done = { ...clock, stoppedAt: at };
    await store.clocks.save(done);
    stopped.push(done);
  }
  return stopped;
}

/** Every clock whose due effect is a callback prompt: recording a callback stops them all. */
export const callbackClockRules = (Object.keys(clockRules) as ClockRuleId[]).filter((id) => clockRules[id].onDue === "callback.prompt");
