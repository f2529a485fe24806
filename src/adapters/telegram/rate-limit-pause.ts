import type { Transformer } from "grammy";

/**
 * The bot's shared knowledge of a running Telegram rate-limit wait. A 429 says `retry_after`
 * seconds; until they have passed, any call would be refused too, so every call made through
 * an API that knows this pause waits for it first: the handlers' replies, their retries, the
 * error boundary's apology and the outbox's deliveries alike.
 */
export class TelegramPause {
  private untilMs = 0;

  /**
   * `onRateLimited` hears of every 429 Telegram answered, from the handlers and the outbox alike
   * (metrics); it must not throw.
   */
  constructor(
    private readonly nowMs: () => number = Date.now,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    private readonly onRateLimited: () => void = () => {},
  ) {}

  /** Records a 429: nothing goes before `retryAfterS` seconds from now (a running longer wait stays). */
  extend(retryAfterS: number): void {
    this.onRateLimited();
    this.untilMs = Math.max(this.untilMs, this.nowMs() + Math.max(retryAfterS, 1) * 1000);
  }

  /** Milliseconds of the running wait still to go; 0 when none runs. */
  remainingMs(): number {
    return Math.max(0, this.untilMs - this.nowMs());
  }

  /** Resolves once no wait runs (at once when none does; again if another 429 extended it meanwhile). */
  async wait(): Promise<void> {
    for (let left = this.remainingMs(); left > 0; left = this.remainingMs()) await this.sleep(left);
  }
}

/** Calls that send nothing to anyone: they neither wait for a pause nor are retried by it. */
const unpaused = new Set(["getUpdates", "getMe", "setWebhook", "deleteWebhook"]);

/** A call is retried this many times on 429 before its 429 reaches the caller. */
export const replyAttempts = 6;

/**
 * API transformer for what handlers send straight away (`ctx.reply`, a conversation's `say`,
 * `answerCallbackQuery`, the apology): waits out any running pause, and on 429 records it and
 * tries again once it has passed, up to {@link replyAttempts} times, so an owner's reply is not
 * lost to a rate limit. Only then does the 429 reach the handler (and the boundary's apology
 * waits for the same pause).
 */
export function retryAfterRateLimits(pause: TelegramPause, attempts: number = replyAttempts): Transformer {
  return async (prev, method, payload, signal) => {
    if (unpaused.has(method)) return prev(method, payload, signal);
    for (let attempt = 1; ; attempt++) {
      await pause.wait();
      const result = await prev(method, payload, signal);
      if (result.ok || result.error_code !== 429) return result;
      pause.extend(result.parameters?.retry_after ?? 1);
      if (attempt >= attempts) return result;
    }
  };
}

/**
 * API transformer for the outbox, which retries by itself (with its own dead letters): it only
 * waits out a pause a handler's 429 started and records the 429s it gets, so the two never send
 * into each other's wait.
 */
export function respectRateLimitPause(pause: TelegramPause): Transformer {
  return async (prev, method, payload, signal) => {
    if (unpaused.has(method)) return prev(method, payload, signal);
    await pause.wait();
    const result = await prev(method, payload, signal);
    if (!result.ok && result.error_code === 429) pause.extend(result.parameters?.retry_after ?? 1);
    return result;
  };
}
