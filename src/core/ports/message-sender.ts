import type { MessageRef, OutboxMessage } from "../domain/outbox.js";
import type { RateRule } from "../domain/rate-gate.js";

/**
 * Delivers one outbox message to its platform. `existing` is where an earlier message with the
 * same ref key was posted (edit it in place), or null (post anew). Returns where it now is.
 * Throw {@link RateLimitedError} on a platform 429 and {@link PermanentDeliveryError} when
 * retrying cannot help (chat blocked, channel gone); anything else is retried.
 */
export interface MessageSender {
  send(message: OutboxMessage, existing: MessageRef | null): Promise<MessageRef>;
  /** The platform limits this message counts against; the first rule names its recipient. */
  rateRules(message: OutboxMessage): RateRule[];
}

export class RateLimitedError extends Error {
  override readonly name = "RateLimitedError";
  constructor(readonly retryAfterMs: number, message = `rate limited for ${retryAfterMs} ms`) {
    super(message);
  }
}

export class PermanentDeliveryError extends Error {
  override readonly name = "PermanentDeliveryError";
}
