import type { CaseKind } from "../../case/kind.js";
import { startClock, stopClocks } from "../../case/machinery/clocks.js";
import type { Callback } from "../../domain/callback.js";
import { deadlineAfter } from "../../domain/deadline.js";
import { staffInstant, type WorkingHours } from "../../domain/working-hours.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";
import { callbackPrompt, callbackWindowFor, callbackWindows, isUrgentRepair } from "./callback-windows.js";
import { repairClockRules } from "./clock-rules.js";
import type { RepairCase } from "./details.js";

/** The due effect of every callback prompt clock: its firing puts the call in front of the front desk. */
export const callbackPromptEffect = "callback.prompt";

/** The property's calendar, for deadlines that reach staff. */
export interface StaffCalendar {
  timeZone: string;
  workingHours: WorkingHours;
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

/** When a prompt or alert computed as `at` may reach staff about this repair. */
export function staffInstantFor(ticket: RepairCase, at: Date, calendar: StaffCalendar): Date {
  return staffInstant(at, isUrgentRepair(ticket.details.category), calendar.workingHours, calendar.timeZone);
}

/**
 * Opens the mandatory callback (回访) of a finished repair, anchored at `anchor` (the completion,
 * the leak test, or a cancellation after work started): the window clock, due at the window's end
 * and alerting the front desk leader then; the first prompt the day after; and the waiting card
 * in the front desk's channel at once, since a finished job returns to the front desk.
 */
export async function openCallback(
  store: Store,
  kind: CaseKind,
  ticket: RepairCase,
  anchor: Date,
  calendar: StaffCalendar,
  window: { rule: keyof typeof repairClockRules } = callbackWindowFor(ticket.details.category),
): Promise<Callback> {
  const id = newId();
  const subject = { type: "callback", id };
  const dueAt = deadlineAfter(anchor, repairClockRules[window.rule].due, calendar.timeZone);
  await startClock(store, kind, { caseId: ticket.id, rule: window.rule, anchor, timeZone: calendar.timeZone, subject, breachAt: staffInstantFor(ticket, dueAt, calendar) });
  const promptAt = staffInstantFor(ticket, deadlineAfter(anchor, repairClockRules["repair.callback.prompt"].due, calendar.timeZone), calendar);
  await startClock(store, kind, { caseId: ticket.id, rule: "repair.callback.prompt", anchor, timeZone: calendar.timeZone, subject, data: { attempt: 1 }, dueAt: promptAt });
  const callback: Callback = {
    id,
    caseId: ticket.id,
    dueAt,
    status: "scheduled",
    attempts: 0,
    outcome: null,
    recordedBy: null,
    recordedAt: null,
    createdAt: anchor,
  };
  await store.callbacks.create(callback);
  await queueCallbackPrompt(store, ticket.id, id, anchor);
  return callback;
}

/** The callback of a repair cancelled after its work started: the owner is asked whether the cancellation is right. */
export function openCancellationCallback(store: Store, kind: CaseKind, ticket: RepairCase, at: Date, calendar: StaffCalendar): Promise<Callback> {
  return openCallback(store, kind, ticket, at, calendar, callbackWindows.cancelled);
}

/** Every rule of a callback's clocks: its windows, prompts, retries and the leader's hold. */
export function callbackClockRules(): string[] {
  return Object.keys(repairClockRules).filter((id) => id.startsWith("repair.callback."));
}

/**
 * A reopened repair's callbacks are void, whatever their round and state: the next completion
 * opens a new one. An unreachable round's card keeps the leader's buttons, so it is cancelled
 * too; otherwise pressing it later would close the reworked repair without its own callback.
 */
export async function cancelOpenCallback(store: Store, _kind: CaseKind, caseId: string, at: Date): Promise<void> {
  for (const open of await store.callbacks.listUnfinishedByCase(caseId)) {
    await store.callbacks.save({ ...open, status: "cancelled" });
    // The card already on the front desk's screen must lose its buttons.
    await queueCallbackPrompt(store, caseId, open.id, at);
  }
  await stopClocks(store, caseId, at, callbackClockRules());
}

