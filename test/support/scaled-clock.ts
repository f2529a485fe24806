import type { OutboxPacing } from "../../src/adapters/scheduler/outbox-worker.js";

/**
 * A clock that runs `speed` times faster than the wall clock and really sleeps (for `ms / speed`
 * real milliseconds), for tests of waits too long to sit through: a 30 s `retry_after` passes in
 * 3 s at speed 10. Unlike {@link VirtualPacing}, which jumps over each pause at once, concurrent
 * waiters share one time line here, so one waiter's pause never makes another's call look later
 * than it was. Give it to the product (the outbox's and the bot's rate limits) and to the fakes
 * (their call stamps and rate-limit windows) alike.
 */
export class ScaledClock implements OutboxPacing {
  private originMs: number;
  private realOriginMs = Date.now();

  constructor(startAt: Date, readonly speed: number) {
    this.originMs = startAt.getTime();
  }

  nowMs(): number {
    return this.originMs + (Date.now() - this.realOriginMs) * this.speed;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Rounded up in real time, so a pause never ends before its time on this clock. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.ceil(Math.max(0, ms) / this.speed)));
  }

  /** Runs on from `at` (never backwards: a pause already waited for stays waited for). */
  jumpTo(at: Date): void {
    if (at.getTime() <= this.nowMs()) return;
    this.originMs = at.getTime();
    this.realOriginMs = Date.now();
  }
}
