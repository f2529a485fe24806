import type { CaseKind } from "../../case/kind.js";
import { rulesWithEffect, startClock, stopClocks } from "../../case/machinery/clocks.js";
import type { Callback } from "../../domain/callback.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";
import { callbackPrompt, callbackWindowFor } from "./callback-windows.js";
import type { RepairCase } from "./details.js";

/** The due effect of every callback clock: its firing puts a prompt in front of the front desk. */
export const callbackPromptEffect = "callback.prompt";

/** Queues the callback prompt for `attempt` (first delivery posts it, later ones redraw it). */
export async function queueCallbackPrompt(store: Store, caseId: string, callbackId: string, attempt: number, at: Date): Promise<void> {
  await store.outbox.enqueue({
    id: newId(),
    createdAt: at,
    payload: { type: "staff.case-prompt", team: "frontdesk", caseId, prompt: callbackPrompt, subjectId: callbackId, attempt },
  });
}

/** Opens the mandatory callback (回访) of a finished repair, with its clock from `anchor`. */
export async function openCallback(store: Store, kind: CaseKind, ticket: RepairCase, anchor: Date, timeZone: string): Promise<Callback> {
  const id = newId();
  const clock = await startClock(store, kind, {
    caseId: ticket.id,
    rule: callbackWindowFor(ticket.details.category).rule,
    anchor,
    timeZone,
    subject: { type: "callback", id },
    data: { attempt: 1 },
  });
  const callback: Callback = {
    id,
    caseId: ticket.id,
    dueAt: clock.dueAt,
    status: "scheduled",
    attempts: 0,
    outcome: null,
    recordedBy: null,
    recordedAt: null,
    createdAt: anchor,
  };
  await store.callbacks.create(callback);
  return callback;
}

/**
 * A reopened repair's callbacks are void, whatever their round and state: the next completion
 * opens a new one. An unreachable round's prompt keeps the leader's buttons, so it is cancelled
 * too; otherwise pressing it later would close the reworked repair without its own callback.
 */
export async function cancelOpenCallback(store: Store, kind: CaseKind, caseId: string, at: Date): Promise<void> {
  for (const open of await store.callbacks.listUnfinishedByCase(caseId)) {
    await store.callbacks.save({ ...open, status: "cancelled" });
    // A prompt already on the front desk's screen must lose its buttons.
    if (open.status === "prompted") await queueCallbackPrompt(store, caseId, open.id, open.attempts + 1, at);
    if (open.status === "unreachable") await queueCallbackPrompt(store, caseId, open.id, open.attempts, at);
  }
  await stopClocks(store, caseId, at, rulesWithEffect(kind, callbackPromptEffect));
}
