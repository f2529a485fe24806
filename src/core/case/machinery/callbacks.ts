import type { Callback } from "../../domain/callback.js";
import { deadlineAfter } from "../../domain/deadline.js";
import { WorkflowError } from "../../domain/errors.js";
import { staffInstant, type WorkingHours } from "../../domain/working-hours.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";
import type { Case } from "../case.js";
import { callbackPrompt, callbackRuleIds } from "../callback-rules.js";
import type { ClockRule, ClockRuleId } from "../clock.js";
import type { CaseKind, DueEffectInput, WorkOutcome } from "../kind.js";
import { recordEvent } from "./changes.js";
import { startClock, stopClocks } from "./clocks.js";

/** The property's calendar, for deadlines that reach staff. */
export interface StaffCalendar {
  timeZone: string;
  workingHours: WorkingHours;
}

/** Whether the kind's callback policy calls this case urgent (prompts and alerts at any hour). */
export function isUrgentCallback(kind: CaseKind, subject: Case): boolean {
  return kind.callback?.urgent(subject) ?? false;
}

/** When a callback prompt or alert computed as `at` may reach staff about this case. */
export function callbackStaffInstant(kind: CaseKind, subject: Case, at: Date, calendar: StaffCalendar): Date {
  return staffInstant(at, isUrgentCallback(kind, subject), calendar.workingHours, calendar.timeZone);
}

/** The kind's callback rule `<kind>.callback.<name>`; a kind that declares none is refused, not guessed. */
export function callbackRule(kind: CaseKind, name: string): { id: ClockRuleId; rule: ClockRule } {
  const id = `${kind.id}.callback.${name}`;
  const rule = kind.clockRules[id];
  if (!rule) throw new WorkflowError("not_found", `kind ${kind.id} has no callback rule ${id}`);
  return { id, rule };
}

/**
 * Queues a redraw of the callback's card in the front desk's channel. One card per callback,
 * whatever the attempt (the `attempt` of the payload stays 1, so every redraw edits the same
 * message): waiting with its prompt date, the prompt with its buttons, then the outcome.
 */
export async function queueCallbackPrompt(store: Store, caseId: string, callbackId: string, at: Date): Promise<void> {
  await store.outbox.enqueue({
    id: newId(),
    createdAt: at,
    payload: { type: "staff.case-prompt", team: "frontdesk", caseId, prompt: callbackPrompt, subjectId: callbackId, attempt: 1 },
  });
}

/**
 * Opens the mandatory callback (回访) of a finished case, anchored at `anchor` (the completion,
 * a leak test, a cancellation after work started): the clock of `windowRule`, due at the
 * window's end and alerting the front desk leader then; the first prompt the day after; and the
 * waiting card in the front desk's channel at once, since a finished job returns to the front
 * desk. Both instants that reach staff wait for the working hours unless the case is urgent.
 */
export async function openCallback(store: Store, kind: CaseKind, subject: Case, anchor: Date, calendar: StaffCalendar, windowRule: ClockRuleId): Promise<Callback> {
  const window = kind.clockRules[windowRule];
  if (!window) throw new WorkflowError("not_found", `kind ${kind.id} has no callback window ${windowRule}`);
  const prompt = callbackRule(kind, "prompt");
  const id = newId();
  const clockSubject = { type: "callback", id };
  const { timeZone } = calendar;
  const dueAt = deadlineAfter(anchor, window.due, timeZone);
  await startClock(store, kind, { caseId: subject.id, rule: windowRule, anchor, timeZone, subject: clockSubject, breachAt: callbackStaffInstant(kind, subject, dueAt, calendar) });
  const promptAt = callbackStaffInstant(kind, subject, deadlineAfter(anchor, prompt.rule.due, timeZone), calendar);
  await startClock(store, kind, { caseId: subject.id, rule: prompt.id, anchor, timeZone, subject: clockSubject, data: { attempt: 1 }, dueAt: promptAt });
  const callback: Callback = {
    id,
    caseId: subject.id,
    dueAt,
    status: "scheduled",
    attempts: 0,
    outcome: null,
    recordedBy: null,
    recordedAt: null,
    createdAt: anchor,
  };
  await store.callbacks.create(callback);
  await queueCallbackPrompt(store, subject.id, id, anchor);
  return callback;
}

/**
 * A reopened case's callbacks are void, whatever their round and state: the next completion
 * opens a new one. An unreachable round's card keeps the leader's buttons, so it is cancelled
 * too; otherwise pressing it later would close the reworked case without its own callback.
 */
export async function cancelOpenCallbacks(store: Store, kind: CaseKind, caseId: string, at: Date): Promise<void> {
  for (const open of await store.callbacks.listUnfinishedByCase(caseId)) {
    await store.callbacks.save({ ...open, status: "cancelled" });
    // The card already on the front desk's screen must lose its buttons.
    await queueCallbackPrompt(store, caseId, open.id, at);
  }
  await stopClocks(store, caseId, at, callbackRuleIds(kind));
}

/**
 * The due effect of `callbackPromptEffect`: a callback prompt clock fell due, and the front desk
 * gets the prompt for this attempt. A kind with a callback lists it as
 * `[callbackPromptEffect]: promptCallback` among its due effects.
 */
export async function promptCallback({ store, clock, subject, now }: DueEffectInput<unknown>): Promise<WorkOutcome> {
  const callbackId = clock.subject?.type === "callback" ? clock.subject.id : null;
  const attempt = Number(clock.data.attempt ?? 1);
  const callback = callbackId ? await store.callbacks.findById(callbackId) : null;
  if (!callback || callback.caseId !== subject.id || callback.status !== "scheduled") return { skipped: `callback ${callbackId ?? "?"} is ${callback?.status ?? "gone"}` };
  await store.callbacks.save({ ...callback, status: "prompted" });
  await queueCallbackPrompt(store, subject.id, callback.id, now);
  await recordEvent(store, subject, { type: "callback_prompted", actor: { type: "system" }, at: now, data: { attempt, dueAt: clock.dueAt.toISOString() } });
  return { outcome: "callback_prompted", detail: `callback attempt ${attempt} prompted to the front desk` };
}
