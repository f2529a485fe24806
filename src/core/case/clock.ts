import type { DeadlineSpec } from "../domain/deadline.js";
import type { StaffRole, Team } from "../domain/registry.js";

/** Ids of clock rules are global and start with their kind: `repair.callback.leak`, `fee.reminder`. */
export type ClockRuleId = string;

/** What a clock watches besides its case (a callback, later a charge), as typed columns. */
export interface ClockSubject {
  type: string;
  id: string;
}

/**
 * A clock watches one step of a procedure: it starts at a recorded event, is due at a computed
 * instant, stops when the step is done, and escalates once if it is still running when breached.
 * Callback windows, complaint tiers and the dunning ladder are all sets of clock rules.
 */
export interface Clock {
  id: string;
  caseId: string;
  rule: ClockRuleId;
  subject: ClockSubject | null;
  startedAt: Date;
  dueAt: Date;
  /** When an unstopped clock breaches (escalates, starts the next rung); null if it never does. */
  breachAt: Date | null;
  stoppedAt: Date | null;
  escalatedAt: Date | null;
  /** Free attributes of the step, such as the callback attempt number. */
  data: Record<string, string | number>;
}

export interface ClockRule {
  /** Where the number comes from, so a reader can check it against the written procedure. */
  source: string;
  due: DeadlineSpec;
  /** The kind's due effect run when the clock falls due (its `dueEffects` key), or null. */
  onDue: string | null;
  /** Lifecycle actions that stop the clock: the step it watches is done (or void) once they happen. */
  stopOn: readonly string[];
  escalation: {
    after: DeadlineSpec;
    to: { team: Team; role: StaffRole };
    /** Locale key of the alert posted to the target team's channel. */
    alertKey: string;
  } | null;
  /**
   * The rule started when this one breaches, anchored at the breach: the next rung of a ladder
   * (reminder, then overdue, then demand letter). Without an escalation the breach is the due instant.
   */
  then?: ClockRuleId;
}

/** When a clock of `rule` due at `dueAt` breaches, or null if nothing happens then. */
export function breachDeadline(rule: ClockRule): DeadlineSpec | null {
  if (rule.escalation) return rule.escalation.after;
  return rule.then ? {} : null;
}
