import type { ClockRule } from "../../case/clock.js";

const escalateToFrontDeskLeader = {
  after: { hours: 1 },
  to: { team: "frontdesk", role: "leader" },
  alertKey: "alerts.callback_overdue",
} as const;

/** A callback is over once the repair closes or goes back to its team. */
const stopOn = ["close", "reopen"] as const;

/**
 * The repair callback clocks of PROCEDURES.md §1. Every rule: when it is due after the event
 * that starts it, what happens then, what ends it, and whom it escalates to when nobody acted an hour later.
 */
export const repairClockRules = {
  "repair.callback.safety": {
    source: "PROCEDURES.md §1: safety facilities, callback within 2 days after completion",
    due: { days: 2 },
    onDue: "callback.prompt",
    stopOn,
    escalation: escalateToFrontDeskLeader,
  },
  "repair.callback.leak": {
    source: "PROCEDURES.md §1: water leaks, callback within 3 days after the leak test",
    due: { days: 3 },
    onDue: "callback.prompt",
    stopOn,
    escalation: escalateToFrontDeskLeader,
  },
  "repair.callback.ordinary": {
    source: "PROCEDURES.md §1: everything else, callback within 2 days after completion",
    due: { days: 2 },
    onDue: "callback.prompt",
    stopOn,
    escalation: escalateToFrontDeskLeader,
  },
  "repair.callback.retry": {
    source: "unanswered callback: try again 4 hours later",
    due: { hours: 4 },
    onDue: "callback.prompt",
    stopOn,
    escalation: escalateToFrontDeskLeader,
  },
} as const satisfies Record<string, ClockRule>;

export type RepairClockRuleId = keyof typeof repairClockRules;
