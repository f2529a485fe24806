import type { OutboxPacing } from "../../src/adapters/scheduler/outbox-worker.js";

/**
 * Outbox pacing on a clock that runs with the wall clock and jumps over every pause the rate
 * rules ask for: the platform limits are still applied, in this clock's time, but no test waits
 * them out.
 */
export class VirtualPacing implements OutboxPacing {
  /** Every pause the outbox asked for, in ms. */
  readonly pauses: number[] = [];
  private skippedMs = 0;

  now(): Date {
    return new Date(Date.now() + this.skippedMs);
  }

  async sleep(ms: number): Promise<void> {
    this.pauses.push(ms);
    this.skippedMs += ms;
  }
}
