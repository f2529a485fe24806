import type { ClockRule } from "../../case/clock.js";

/** Not recorded by the window's end: the front desk leader is alerted once, with a mention. */
const alertFrontDeskLeaderAtWindowEnd = {
  after: {},
  to: { team: "frontdesk", role: "leader" },
  alertKey: "alerts.callback_overdue",
} as const;

/** A callback is over once the repair closes, goes back to its team, or its cancellation is confirmed. */
const stopOn = ["close", "reopen", "confirm_cancel"] as const;

/** A proposal is answered once confirmed, refused for another time, replaced by a new one, or moot. */
const proposalAnswered = ["confirm_time", "request_other_time", "propose_time", "cancel"] as const;

/**
 * The repair callback clocks of PROCEDURES.md §1 ("回访处理率达100%"). A window rule is the
 * callback's deadline: due at the window's end after the event that starts it, alerting the
 * front desk leader when it runs out. The prompt rules put the call in front of the front desk.
 * Due instants that reach staff move to the next working hours unless the repair is urgent
 * (a safety facility); `callbacks.ts` applies that, the numbers are here.
 */
export const repairClockRules = {
  "repair.callback.safety": {
    source: "PROCEDURES.md §1: safety facilities, callback within 2 days after completion",
    due: { days: 2 },
    onDue: null,
    stopOn,
    escalation: alertFrontDeskLeaderAtWindowEnd,
  },
  "repair.callback.leak": {
    source: "PROCEDURES.md §1: water leaks, callback within 3 days after the leak test",
    due: { days: 3 },
    onDue: null,
    stopOn,
    escalation: alertFrontDeskLeaderAtWindowEnd,
  },
  "repair.callback.ordinary": {
    source: "PROCEDURES.md §1: everything else, callback within 2 days after completion",
    due: { days: 2 },
    onDue: null,
    stopOn,
    escalation: alertFrontDeskLeaderAtWindowEnd,
  },
  "repair.callback.cancelled": {
    source: "PROCEDURES.md §1: 100% callback; a repair cancelled after its work started is called back within 2 days (is the cancellation right?)",
    due: { days: 2 },
    onDue: null,
    stopOn,
    escalation: alertFrontDeskLeaderAtWindowEnd,
  },
  "repair.callback.prompt": {
    source: "front desk practice: the front desk is asked to call the owner the day after the anchor event (completion, the leak test), in working hours",
    due: { days: 1 },
    onDue: "callback.prompt",
    stopOn,
    escalation: null,
  },
  "repair.callback.retry": {
    source: "front desk practice: an unanswered callback is tried again 4 hours later, in working hours",
    due: { hours: 4 },
    onDue: "callback.prompt",
    stopOn,
    escalation: null,
  },
  "repair.callback.unreachable": {
    source: "front desk practice: after the third unanswered attempt the front desk leader owns the callback for 1 working day, then the manager",
    due: { days: 1 },
    onDue: null,
    stopOn,
    escalation: { after: {}, to: { team: "manager", role: "manager" }, alertKey: "alerts.callback_unreachable_overdue" },
  },
  "repair.leak_test": {
    source: "PROCEDURES.md §1: the leak test (试漏) follows the repair; not recorded 2 days after completion, the maintenance leader is alerted",
    due: { days: 2 },
    onDue: null,
    stopOn: ["pass_leak_test", "fail_leak_test", "reopen", "cancel_after_start", "skip_leak_test"],
    escalation: { after: {}, to: { team: "maintenance", role: "leader" }, alertKey: "alerts.leak_test_overdue" },
  },
  "repair.proposal.reminder": {
    source: "PROCEDURES.md §1 and §4: the service time is confirmed with the owner before work starts; an unanswered proposal is reminded to the owner after 4 hours (front desk practice)",
    due: { hours: 4 },
    onDue: "proposal.remind_owner",
    stopOn: proposalAnswered,
    escalation: null,
  },
  "repair.proposal.unanswered": {
    source: "front desk practice: a proposal the owner has not answered in 24 hours alerts the assignee and the front desk, who can confirm by phone",
    due: { hours: 24 },
    onDue: "proposal.alert_unanswered",
    stopOn: proposalAnswered,
    escalation: null,
  },
  "repair.visit.start": {
    source: "PROCEDURES.md §1: the team visits at the agreed time; a visit not started 1 hour after it alerts the maintenance leader",
    due: { hours: 1 },
    onDue: null,
    stopOn: ["start", "propose_time", "request_other_time", "cancel", "reopen"],
    escalation: { after: {}, to: { team: "maintenance", role: "leader" }, alertKey: "alerts.visit_not_started" },
  },
} as const satisfies Record<string, ClockRule>;

export type RepairClockRuleId = keyof typeof repairClockRules;
