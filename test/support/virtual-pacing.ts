import type { OutboxPacing } from "../../src/adapters/scheduler/outbox-worker.js";

/**
 * Outbox pacing on a clock that runs with the wall clock and jumps over every pause the rate
 * rules ask for: the platform limits are still applied, in this clock's time, but no test waits
 * them out. It starts at the wall clock's instant, or at `startAt` (an hour of the property's
 * day, so the quiet hours do not depend on when the test runs); `jumpTo` moves it.
 */
export class VirtualPacing implements OutboxPacing {
  /** Every pause the outbox asked for, in ms. */
  readonly pauses: number[] = [];
  private offsetMs: number;

  constructor(startAt?: Date) {
    this.offsetMs = startAt ? startAt.getTime() - Date.now() : 0;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  async sleep(ms: number): Promise<void> {
    this.pauses.push(ms);
    this.offsetMs += ms;
  }

  /** Runs on from `at`, as the night passing while the worker waits. */
  jumpTo(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
}
