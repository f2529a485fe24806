import { callbackClockRules } from "../../case/callback-rules.js";
import type { ClockRule } from "../../case/clock.js";

/** A proposal is answered once confirmed, refused for another time, replaced by a new one, or moot. */
const proposalAnswered = ["confirm_time", "request_other_time", "propose_time", "cancel"] as const;

/**
 * The repair clocks. The callback windows of PROCEDURES.md §1 ("回访处理率达100%") come with the
 * shared prompt, retry and unreachable rules (`case/callback-rules.ts`), under the ids running
 * clocks already store (`repair.callback.safety` ...); a safety facility's callback is urgent
 * (`callback-policy.ts`). Then the leak test, the proposal and the visit.
 */
export const repairClockRules = {
  ...callbackClockRules("repair", {
    safety: { source: "PROCEDURES.md §1: safety facilities, callback within 2 days after completion", due: { days: 2 } },
    leak: { source: "PROCEDURES.md §1: water leaks, callback within 3 days after the leak test", due: { days: 3 } },
    ordinary: { source: "PROCEDURES.md §1: everything else, callback within 2 days after completion", due: { days: 2 } },
    cancelled: {
      source: "PROCEDURES.md §1: 100% callback; a repair cancelled after its work started is called back within 2 days (is the cancellation right?)",
      due: { days: 2 },
    },
  }),
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
