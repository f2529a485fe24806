import type { Case } from "../case/case.js";
import { callbackPromptRuleIds, callbackRetry, callbackRuleIds } from "../case/callback-rules.js";
import { alertTeam, recordEvent, touchCase } from "../case/machinery/changes.js";
import { callbackRule, callbackStaffInstant, isUrgentCallback, queueCallbackPrompt } from "../case/machinery/callbacks.js";
import { startClock, stopClocks } from "../case/machinery/clocks.js";
import { frontDeskLeaderMentions } from "../case/machinery/escalation.js";
import { requireCase, requireFrontDesk, requireStaff } from "../case/machinery/staff-access.js";
import { holdsPermission, refusal } from "../case/permission.js";
import type { Callback, CallbackOutcome } from "../domain/callback.js";
import { deadlineAfter } from "../domain/deadline.js";
import { WorkflowError } from "../domain/errors.js";
import { afterWorkingDays } from "../domain/working-hours.js";
import { type WorkflowContext, workingHoursOf } from "../ports/workflow-context.js";

/** Callbacks are the front desk's: after the last attempt, its leader's. */
const frontDeskSubject = { team: "frontdesk", assigneeId: null } as const;

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
  /** The case the callback is about, as the recording left it. */
  ticket: Case;
}

/**
 * The receptionist records the callback of any kind's case. Reached and satisfied, or reached
 * and not satisfied, is the kind's business (its `callback` policy ends the case or sends it back,
 * a repair closes or reopens to its team); no answer tries again 4 hours later in working hours,
 * and the third unanswered attempt hands it to the front desk leader for one working day, then
 * the manager. The window clock keeps running across attempts: its end still alerts the leader.
 */
export async function recordCallback(ctx: WorkflowContext, input: RecordCallbackInput): Promise<RecordCallbackResult> {
  const now = ctx.time.now();
  const calendar = { timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) };
  const result = await ctx.uow.transaction(async (store): Promise<RecordCallbackResult> => {
    const staff = await requireStaff(store, input.staffUserId);
    const callback = await store.callbacks.findById(input.callbackId);
    if (!callback) throw new WorkflowError("not_found", `callback ${input.callbackId} not found`);
    if (callback.status === "done" || callback.status === "cancelled") {
      throw new WorkflowError("callback_not_open", `callback ${callback.id} is ${callback.status}`);
    }
    const subject = await requireCase(store, callback.caseId);
    const kind = ctx.kinds.kindOf(subject);
    const policy = kind.callback;
    if (!policy) throw new WorkflowError("not_found", `${subject.number}: kind ${kind.id} has no callback`);
    await requireFrontDesk(store, staff, subject.number, "record_callback");
    if (callback.status === "unreachable") {
      // After the last unanswered attempt the leader takes over: they may still record that the
      // owner was reached (by a visit, a later call), but nobody queues more attempts.
      if (input.outcome === "no_answer") throw new WorkflowError("callback_not_open", `callback ${callback.id} is unreachable`);
      if (!holdsPermission(staff, ["team_leader"], frontDeskSubject)) {
        throw await refusal(store, staff, ["team_leader"], frontDeskSubject, { action: "record_callback", number: subject.number });
      }
    }
    if (input.attempt !== undefined && input.attempt !== callback.attempts + 1) {
      throw new WorkflowError("conflict", `callback ${callback.id} attempt ${input.attempt} already recorded`);
    }
    const actor = { type: "staff" as const, id: staff.id };
    const attempts = callback.attempts + 1;
    await stopClocks(store, subject.id, now, callbackPromptRuleIds(kind.id));
    const data = { outcome: input.outcome, attempt: attempts, note: input.note ?? null, by: staff.name };
    const saveCallback = async (next: Callback): Promise<Callback> => {
      await store.callbacks.save(next);
      await queueCallbackPrompt(store, subject.id, next.id, now);
      return next;
    };

    if (input.outcome === "satisfied" || input.outcome === "not_fixed") {
      const reached = { store, kind, subject, actor, at: now, data, ...calendar };
      const updated = input.outcome === "satisfied" ? await policy.satisfied(reached) : await policy.notSatisfied(reached);
      return { ticket: updated, callback: await saveCallback({ ...callback, attempts, status: "done", outcome: input.outcome, recordedBy: staff.id, recordedAt: now }) };
    }

    // Bumps the version: a concurrent recording of the same prompt on another connection conflicts.
    await touchCase(store, subject, now);
    await recordEvent(store, subject, { type: "callback_no_answer", actor, at: now, data });
    const clockSubject = { type: "callback", id: callback.id };
    if (attempts >= callbackRetry.maxAttempts) {
      // The leader owns it now with a clock of its own; the window's alert would only repeat theirs.
      await stopClocks(store, subject.id, now, callbackRuleIds(kind));
      const hold = callbackRule(kind, "unreachable");
      const holdUntil = isUrgentCallback(kind, subject)
        ? deadlineAfter(now, hold.rule.due, ctx.timeZone)
        : afterWorkingDays(now, hold.rule.due.days ?? 1, calendar.workingHours, ctx.timeZone);
      await startClock(store, kind, { caseId: subject.id, rule: hold.id, anchor: now, timeZone: ctx.timeZone, subject: clockSubject, dueAt: holdUntil, data: { attempt: attempts } });
      await alertTeam(store, {
        team: "frontdesk",
        key: "alerts.callback_unreachable",
        params: { number: subject.number, attempts },
        mentions: await frontDeskLeaderMentions(store),
        caseId: subject.id,
        at: now,
      });
      await recordEvent(store, subject, { type: "escalated", actor: { type: "system" }, at: now, data: { reason: "callback_unreachable", attempts } });
      return { ticket: subject, callback: await saveCallback({ ...callback, attempts, status: "unreachable", outcome: "no_answer", recordedBy: staff.id, recordedAt: now }) };
    }
    const retry = callbackRule(kind, "retry");
    const retryAt = callbackStaffInstant(kind, subject, deadlineAfter(now, retry.rule.due, ctx.timeZone), calendar);
    await startClock(store, kind, { caseId: subject.id, rule: retry.id, anchor: now, timeZone: ctx.timeZone, subject: clockSubject, data: { attempt: attempts + 1 }, dueAt: retryAt });
    return { ticket: subject, callback: await saveCallback({ ...callback, attempts, status: "scheduled", outcome: "no_answer" }) };
  });
  ctx.onOutboxWritten?.();
  return result;
}
