import { alertTeam, noticeOwner, recordEvent, touchCase, transitionCase } from "../../../case/machinery/changes.js";
import { startClock, stopClocks } from "../../../case/machinery/clocks.js";
import { frontDeskLeaderMentions } from "../../../case/machinery/escalation.js";
import { requireCase, requireFrontDesk, requireStaff } from "../../../case/machinery/staff-access.js";
import { holdsPermission, refusal } from "../../../case/permission.js";

/** Callbacks are the front desk's: after the last attempt, its leader's. */
const frontDeskSubject = { team: "frontdesk", assigneeId: null } as const;
import type { Callback, CallbackOutcome } from "../../../domain/callback.js";
import { deadlineAfter } from "../../../domain/deadline.js";
import { WorkflowError } from "../../../domain/errors.js";
import { afterWorkingDays } from "../../../domain/working-hours.js";
import { type WorkflowContext, workingHoursOf } from "../../../ports/workflow-context.js";
import { callbackPromptRules, callbackRetry, isUrgentRepair } from "../callback-windows.js";
import { callbackClockRules, queueCallbackPrompt, staffInstantFor } from "../callbacks.js";
import { repairClockRules } from "../clock-rules.js";
import type { RepairCase, RepairDetails } from "../details.js";

export interface RecordCallbackInput {
  callbackId: string;
  staffUserId: string;
  outcome: CallbackOutcome;
  /**
   * The attempt the prompt was for. Two receptionists answering the same prompt must not count
   * two attempts: the second gets `conflict` and sees the updated prompt.
   */
  attempt?: number;
  note?: string;
}

export interface RecordCallbackResult {
  callback: Callback;
  ticket: RepairCase;
}

/**
 * The receptionist records the callback. Reached and satisfied closes the repair (or, for one
 * cancelled after its work started, confirms the cancellation); reached and not fixed sends it
 * straight back to its team (整改); no answer tries again 4 hours later in working hours, and
 * the third unanswered attempt hands it to the front desk leader for one working day, then the
 * manager. The window clock keeps running across attempts: its end still alerts the leader.
 */
export async function recordCallback(ctx: WorkflowContext, input: RecordCallbackInput): Promise<RecordCallbackResult> {
  const now = ctx.time.now();
  const calendar = { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) };
  const result = await ctx.uow.transaction(async (store) => {
    const staff = await requireStaff(store, input.staffUserId);
    const callback = await store.callbacks.findById(input.callbackId);
    if (!callback) throw new WorkflowError("not_found", `callback ${input.callbackId} not found`);
    if (callback.status === "done" || callback.status === "cancelled") {
      throw new WorkflowError("callback_not_open", `callback ${callback.id} is ${callback.status}`);
    }
    const ticket = await requireCase<RepairDetails>(store, callback.caseId, "repair");
    const kind = ctx.kinds.kindOf(ticket);
    await requireFrontDesk(store, staff, ticket.number, "record_callback");
    if (callback.status === "unreachable") {
      // After the last unanswered attempt the leader takes over: they may still record that the
      // owner was reached (by a visit, a later call), but nobody queues more attempts.
      if (input.outcome === "no_answer") throw new WorkflowError("callback_not_open", `callback ${callback.id} is unreachable`);
      if (!holdsPermission(staff, ["team_leader"], frontDeskSubject)) {
        throw await refusal(store, staff, ["team_leader"], frontDeskSubject, { action: "record_callback", number: ticket.number });
      }
    }
    if (input.attempt !== undefined && input.attempt !== callback.attempts + 1) {
      throw new WorkflowError("conflict", `callback ${callback.id} attempt ${input.attempt} already recorded`);
    }
    const actor = { type: "staff" as const, id: staff.id };
    const attempts = callback.attempts + 1;
    await stopClocks(store, ticket.id, now, callbackPromptRules);
    const data = { outcome: input.outcome, attempt: attempts, note: input.note ?? null, by: staff.name };
    const saveCallback = async (next: Callback): Promise<Callback> => {
      await store.callbacks.save(next);
      await queueCallbackPrompt(store, ticket.id, next.id, now);
      return next;
    };

    if (input.outcome === "satisfied") {
      // A repair cancelled after its work started ends cancelled, once the owner agreed to it.
      const action = ticket.cancelReason !== null ? "confirm_cancel" : "close";
      const closed = await transitionCase(store, kind, ticket, { action, event: "callback_recorded", actor, at: now, header: { closedAt: now }, data });
      await noticeOwner(store, closed, now, action === "close" ? "repair.closed" : "repair.cancellation_confirmed");
      return { ticket: closed, callback: await saveCallback({ ...callback, attempts, status: "done", outcome: "satisfied", recordedBy: staff.id, recordedAt: now }) };
    }
    if (input.outcome === "not_fixed") {
      const reopened = await transitionCase(store, kind, ticket, {
        action: "reopen",
        event: "callback_recorded",
        actor,
        at: now,
        header: { cancelReason: null },
        details: { completedAt: null, leakTestAt: null, appointmentAt: null },
        data: { ...data, reason: "callback_not_fixed" },
      });
      await alertTeam(store, { team: ticket.team, key: "alerts.callback_not_fixed", params: { number: ticket.number }, mentions: [], caseId: ticket.id, at: now });
      await noticeOwner(store, reopened, now, "repair.reopened");
      return { ticket: reopened, callback: await saveCallback({ ...callback, attempts, status: "done", outcome: "not_fixed", recordedBy: staff.id, recordedAt: now }) };
    }

    // Bumps the version: a concurrent recording of the same prompt on another connection conflicts.
    await touchCase(store, ticket, now);
    await recordEvent(store, ticket, { type: "callback_no_answer", actor, at: now, data });
    const subject = { type: "callback", id: callback.id };
    if (attempts >= callbackRetry.maxAttempts) {
      // The leader owns it now with a clock of its own; the window's alert would only repeat theirs.
      await stopClocks(store, ticket.id, now, callbackClockRules());
      const holdUntil = isUrgentRepair(ticket.details.category)
        ? deadlineAfter(now, repairClockRules["repair.callback.unreachable"].due, ctx.timeZone)
        : afterWorkingDays(now, repairClockRules["repair.callback.unreachable"].due.days, calendar.workingHours, ctx.timeZone);
      await startClock(store, kind, { caseId: ticket.id, rule: "repair.callback.unreachable", anchor: now, timeZone: ctx.timeZone, subject, dueAt: holdUntil, data: { attempt: attempts } });
      await alertTeam(store, {
        team: "frontdesk",
        key: "alerts.callback_unreachable",
        params: { number: ticket.number, attempts },
        mentions: await frontDeskLeaderMentions(store),
        caseId: ticket.id,
        at: now,
      });
      await recordEvent(store, ticket, { type: "escalated", actor: { type: "system" }, at: now, data: { reason: "callback_unreachable", attempts } });
      return { ticket, callback: await saveCallback({ ...callback, attempts, status: "unreachable", outcome: "no_answer", recordedBy: staff.id, recordedAt: now }) };
    }
    const retryAt = staffInstantFor(ticket, deadlineAfter(now, repairClockRules["repair.callback.retry"].due, ctx.timeZone), calendar);
    await startClock(store, kind, { caseId: ticket.id, rule: "repair.callback.retry", anchor: now, timeZone: ctx.timeZone, subject, data: { attempt: attempts + 1 }, dueAt: retryAt });
    return { ticket, callback: await saveCallback({ ...callback, attempts, status: "scheduled", outcome: "no_answer" }) };
  });
  ctx.onOutboxWritten?.();
  return result;
}
