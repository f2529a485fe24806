import type { ServerResponse } from "node:http";
import type { Update } from "grammy/types";
import type { RecordedCall } from "./fake-http.js";
import { CONFLICT } from "./telegram-rules.js";

type Answer = (call: RecordedCall, res: ServerResponse, status: number, body: unknown) => void;

interface Waiter {
  call: RecordedCall;
  res: ServerResponse;
  limit: number;
  timer: NodeJS.Timeout;
}

/**
 * Telegram's update queue behind `getUpdates`: updates stay until confirmed by a higher `offset` (a negative offset
 * keeps only the last |offset|), a long poll waits up to `timeout` seconds and returns as soon as an update arrives,
 * and a newer `getUpdates` ends a pending one with 409 Conflict.
 */
export class UpdateQueue {
  private pending: Update[] = [];
  private readonly waiters = new Set<Waiter>();
  private closing = false;

  constructor(private readonly answer: Answer) {}

  get size(): number {
    return this.pending.length;
  }

  clear(): void {
    this.pending = [];
  }

  push(update: Update): void {
    this.pending.push(update);
    const waiter = this.waiters.values().next().value;
    if (waiter !== undefined) this.release(waiter, this.pending.slice(0, waiter.limit));
  }

  poll(call: RecordedCall, res: ServerResponse): void {
    const number = (value: unknown, fallback: number): number => (typeof value === "number" ? value : fallback);
    const offset = number(call.payload.offset, 0);
    const limit = Math.min(Math.max(number(call.payload.limit, 100), 1), 100);
    const timeout = number(call.payload.timeout, 0);
    if (offset > 0) this.pending = this.pending.filter((update) => update.update_id >= offset);
    if (offset < 0) this.pending = this.pending.slice(offset);
    for (const waiter of [...this.waiters]) {
      this.forget(waiter);
      this.answer(waiter.call, waiter.res, 409, { ok: false, error_code: 409, description: CONFLICT });
    }
    if (this.pending.length > 0 || timeout <= 0 || this.closing) {
      this.answer(call, res, 200, { ok: true, result: this.pending.slice(0, limit) });
      return;
    }
    const waiter: Waiter = { call, res, limit, timer: setTimeout(() => this.release(waiter, []), timeout * 1000) };
    this.waiters.add(waiter);
    res.on("close", () => this.forget(waiter));
  }

  /** Ends every pending long poll with an empty batch; later polls return at once. */
  close(): void {
    this.closing = true;
    for (const waiter of [...this.waiters]) this.release(waiter, []);
  }

  private forget(waiter: Waiter): boolean {
    clearTimeout(waiter.timer);
    return this.waiters.delete(waiter);
  }

  private release(waiter: Waiter, result: Update[]): void {
    if (this.forget(waiter)) this.answer(waiter.call, waiter.res, 200, { ok: true, result });
  }
}
