import type { Callback } from "../../domain/callback.js";
import type { Ticket } from "../../domain/ticket.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";
import { callbackWindowFor } from "../../rules/callbacks.js";
import { callbackClockRules, startClock, stopClocks } from "./clocks.js";

/** Opens the mandatory callback (回访) of a finished repair, with its clock from `anchor`. */
export async function openCallback(store: Store, ticket: Ticket, anchor: Date, timeZone: string): Promise<Callback> {
  const id = newId();
  const clock = await startClock(store, {
    ticketId: ticket.id,
    rule: callbackWindowFor(ticket.category).rule,
    anchor,
    timeZone,
    data: { callbackId: id, attempt: 1 },
  });
  const callback: Callback = {
    id,
    ticketId: ticket.id,
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

/** A reopened ticket's pending callback is void: the next completion opens a new one. */
export async function cancelOpenCallback(store: Store, ticketId: string, at: Date): Promise<void> {
  const open = await store.callbacks.findOpenByTicket(ticketId);
  if (open) {
    await store.callbacks.save({ ...open, status: "cancelled" });
    // A prompt already on the front desk's screen must lose its buttons.
    if (open.status === "prompted") {
      await store.outbox.enqueue({ id: newId(), createdAt: at, payload: { type: "staff.callback-prompt", ticketId, callbackId: open.id, attempt: open.attempts + 1 } });
    }
  }
  await stopClocks(store, ticketId, at, callbackClockRules);
}
