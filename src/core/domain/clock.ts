import type { DeadlineSpec } from "./deadline.js";
import type { StaffRole, Team } from "./registry.js";

/**
 * A clock watches one step of a procedure: it starts at a recorded event, is due at a computed
 * instant, stops when the step is done, and escalates once if it is still running when breached.
 * Callback windows, complaint tiers and the dunning ladder are all sets of clock rules.
 */
export interface Clock {
  id: string;
  ticketId: string;
  rule: ClockRuleId;
  startedAt: Date;
  dueAt: Date;
  /** When an unstopped clock escalates; null for clocks that only fire at due. */
  breachAt: Date | null;
  stoppedAt: Date | null;
  escalatedAt: Date | null;
  /** Free attributes of the step, such as the callback attempt number. */
  data: Record<string, string | number>;
}

/** What happens when a clock falls due; each effect has one handler in the core. */
export type ClockEffect = "callback.prompt";

export interface ClockRule {
  /** Where the number comes from, so a reader can check it against the written procedure. */
  source: string;
  due: DeadlineSpec;
  onDue: ClockEffect | null;
  escalation: {
    after: DeadlineSpec;
    to: { team: Team; role: StaffRole };
    /** Locale key of the alert posted to the target team's channel. */
    alertKey: string;
  } | null;
}

export type ClockRuleId = "repair.callback.safety" | "repair.callback.leak" | "repair.callback.ordinary" | "repair.callback.retry";
