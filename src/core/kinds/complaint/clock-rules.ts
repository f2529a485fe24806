import type { ClockRule } from "../../case/clock.js";
import type { ComplaintTier } from "./details.js";

/** A complaint ended without its steps: every clock of it stops. */
const ended = ["mark_invalid", "cancel"] as const;

const alertManager = (alertKey: string) => ({ after: {}, to: { team: "manager", role: "manager" }, alertKey }) as const;
const alertFrontDeskLeader = (alertKey: string) => ({ after: {}, to: { team: "frontdesk", role: "leader" }, alertKey }) as const;

/**
 * The complaint clocks of PROCEDURES.md §2. Every one counts in calendar time from the reception
 * (the case's `createdAt`: when the owner submitted, or the front desk recorded a call, a visit or
 * a letter) and alerts at any hour: a complaint's clock does not wait for working hours, and
 * Slack's do-not-disturb decides whom an alert wakes. Each stops when its step is done; one still
 * running at its due instant alerts its target once, with a mention, and stays on the complaint.
 */
export const complaintClockRules = {
  "complaint.classify": {
    source: "PROCEDURES.md §2: classify and route immediately; not classified 1 hour after reception, the front desk leader is alerted",
    due: { hours: 1 },
    onDue: null,
    stopOn: ["classify", ...ended],
    escalation: alertFrontDeskLeader("alerts.complaint_unclassified"),
  },
  "complaint.major.report": {
    source: "PROCEDURES.md §2: major complaint, report to the community manager the same day (the manager acknowledges by the end of the day of reception)",
    due: { endOfDay: true },
    onDue: null,
    stopOn: ["acknowledge", ...ended],
    escalation: alertFrontDeskLeader("alerts.complaint_major_unacknowledged"),
  },
  "complaint.major.answer": {
    source: "PROCEDURES.md §2: major complaint, give the owner a clear answer within 2 days",
    due: { days: 2 },
    onDue: null,
    stopOn: ["send_answer", "resolve", ...ended],
    escalation: alertManager("alerts.complaint_answer_overdue"),
  },
  "complaint.major.resolve": {
    source: "PROCEDURES.md §2: major complaint, resolve within 10 days",
    due: { days: 10 },
    onDue: null,
    stopOn: ["resolve", ...ended],
    escalation: alertManager("alerts.complaint_resolve_overdue"),
  },
  "complaint.service_error.forward": {
    source: "PROCEDURES.md §2: service error, forward to the department head within 1 hour of reception (the head acknowledges)",
    due: { hours: 1 },
    onDue: null,
    stopOn: ["acknowledge", ...ended],
    escalation: alertManager("alerts.complaint_forward_unacknowledged"),
  },
  "complaint.service_error.resolve": {
    source: "PROCEDURES.md §2: service error, resolve within 3 days",
    due: { days: 3 },
    onDue: null,
    stopOn: ["resolve", ...ended],
    escalation: alertManager("alerts.complaint_resolve_overdue"),
  },
  "complaint.minor.resolve": {
    source: "PROCEDURES.md §2: minor complaint, resolve within 2 days, or within the deadline the owner asked for",
    due: { days: 2 },
    onDue: null,
    stopOn: ["resolve", ...ended],
    escalation: alertFrontDeskLeader("alerts.complaint_resolve_overdue"),
  },
} as const satisfies Record<string, ClockRule>;

export type ComplaintClockRuleId = keyof typeof complaintClockRules;

/** The clocks a tier starts when the complaint is classified; the resolution clock is the last. */
export const tierClocks: Record<ComplaintTier, { steps: ComplaintClockRuleId[]; resolve: ComplaintClockRuleId }> = {
  major: { steps: ["complaint.major.report", "complaint.major.answer"], resolve: "complaint.major.resolve" },
  service_error: { steps: ["complaint.service_error.forward"], resolve: "complaint.service_error.resolve" },
  minor: { steps: [], resolve: "complaint.minor.resolve" },
};
