/** A platform limit: at most one message per `intervalMs` for everything sharing `key`. */
export interface RateRule {
  key: string;
  intervalMs: number;
}

/**
 * Paces deliveries so platform limits are kept rather than discovered: each key remembers when
 * it may next be used. A 429 pauses the whole platform for the time the platform asked.
 */
export class RateGate {
  private readonly nextFree = new Map<string, number>();
  private pausedUntil = 0;

  /** Milliseconds to wait before a message with these rules may go. */
  delayFor(rules: readonly RateRule[], nowMs: number): number {
    let ready = this.pausedUntil;
    for (const rule of rules) ready = Math.max(ready, this.nextFree.get(rule.key) ?? 0);
    return Math.max(0, ready - nowMs);
  }

  /** Records a send at `nowMs`. */
  take(rules: readonly RateRule[], nowMs: number): void {
    for (const rule of rules) this.nextFree.set(rule.key, nowMs + rule.intervalMs);
  }

  pause(untilMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, untilMs);
  }
}
