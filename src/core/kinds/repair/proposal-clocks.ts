import type { CaseKind, DueEffectInput, WorkOutcome } from "../../case/kind.js";
import { alertTeam, noticeOwner, recordEvent } from "../../case/machinery/changes.js";
import { startClock } from "../../case/machinery/clocks.js";
import { deadlineAfter } from "../../domain/deadline.js";
import { nextWorkingInstant, type WorkingHours } from "../../domain/working-hours.js";
import type { Store } from "../../ports/store.js";
import { type StaffCalendar, staffInstantFor } from "./callbacks.js";
import { repairClockRules } from "./clock-rules.js";
import type { RepairCase, RepairDetails } from "./details.js";
import { appointmentButtons } from "./owner-buttons.js";

/**
 * A proposed visit time waits for the owner's answer: the owner is reminded after 4 hours, and
 * after 24 hours the assignee and the front desk are alerted (in working hours), so a proposal
 * never waits silently. Answering, replacing or cancelling stops both clocks.
 */
export async function startProposalClocks(
  store: Store,
  kind: CaseKind,
  ticket: RepairCase,
  proposedAt: Date,
  calendar: StaffCalendar & { ownerHours: WorkingHours },
): Promise<void> {
  const { timeZone } = calendar;
  // No reminder reaches an owner in the quiet hours (QUIET_HOURS): one falling in the night waits for the morning.
  const remindAt = nextWorkingInstant(deadlineAfter(proposedAt, repairClockRules["repair.proposal.reminder"].due, timeZone), calendar.ownerHours, timeZone);
  await startClock(store, kind, { caseId: ticket.id, rule: "repair.proposal.reminder", anchor: proposedAt, timeZone, dueAt: remindAt });
  const alertAt = staffInstantFor(ticket, deadlineAfter(proposedAt, repairClockRules["repair.proposal.unanswered"].due, timeZone), calendar);
  await startClock(store, kind, { caseId: ticket.id, rule: "repair.proposal.unanswered", anchor: proposedAt, timeZone, dueAt: alertAt });
}

/** The owner confirmed a visit: the maintenance leader hears of it if it has not started an hour after its time. */
export async function startVisitClock(store: Store, kind: CaseKind, ticket: RepairCase, calendar: StaffCalendar): Promise<void> {
  const visitAt = ticket.details.appointmentAt;
  if (!visitAt) return;
  const dueAt = deadlineAfter(visitAt, repairClockRules["repair.visit.start"].due, calendar.timeZone);
  await startClock(store, kind, { caseId: ticket.id, rule: "repair.visit.start", anchor: visitAt, timeZone: calendar.timeZone, dueAt, breachAt: staffInstantFor(ticket, dueAt, calendar) });
}

/** The proposal is still unanswered after 4 hours: the owner gets it again, with the same buttons. */
export async function remindOwnerOfProposal({ store, subject, now }: DueEffectInput<RepairDetails>): Promise<WorkOutcome> {
  const proposed = subject.details.appointmentAt;
  if (subject.status !== "awaiting_confirmation" || !proposed) return { skipped: `${subject.number} is ${subject.status}` };
  await noticeOwner(store, subject, now, "repair.time_reminder", { at: { instant: proposed.toISOString() } }, appointmentButtons(subject.id, proposed));
  await recordEvent(store, subject, { type: "owner_reminded", actor: { type: "system" }, at: now, data: { appointmentAt: proposed.toISOString() } });
  return { outcome: "owner_reminded", detail: "the owner was reminded of the proposed visit time" };
}

/** Still unanswered after 24 hours: the assignee (in the team's channel) and the front desk are alerted. */
export async function alertUnansweredProposal({ store, subject, now }: DueEffectInput<RepairDetails>): Promise<WorkOutcome> {
  const proposed = subject.details.appointmentAt;
  if (subject.status !== "awaiting_confirmation" || !proposed) return { skipped: `${subject.number} is ${subject.status}` };
  const params = { number: subject.number, at: { instant: proposed.toISOString() } };
  const assignee = subject.assigneeId ? await store.staff.findById(subject.assigneeId) : null;
  await alertTeam(store, { team: subject.team, key: "alerts.proposal_unanswered", params, mentions: assignee ? [assignee.staffUserId] : [], caseId: subject.id, at: now });
  await alertTeam(store, { team: "frontdesk", key: "alerts.proposal_unanswered_frontdesk", params, mentions: [], caseId: subject.id, at: now });
  await recordEvent(store, subject, { type: "escalated", actor: { type: "system" }, at: now, data: { reason: "proposal_unanswered" } });
  return { outcome: "escalated", detail: "the assignee and the front desk were alerted of the unanswered proposal" };
}
