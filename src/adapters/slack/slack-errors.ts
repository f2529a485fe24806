import { webApi } from "@slack/bolt";
import { isWorkflowError } from "../../core/domain/errors.js";
import { redactPersonalNumbers } from "../../core/domain/personal-numbers.js";
import { PermanentDeliveryError, RateLimitedError } from "../../core/ports/message-sender.js";

/**
 * Web API errors that retrying cannot fix: the channel is gone or closed to the bot, the token is
 * dead, or the message itself is malformed. Delivering them again would only delay the dead letter.
 */
const permanentErrors = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "missing_scope",
  "invalid_blocks",
  "msg_too_long",
  "no_text",
]);

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

/** Slack's `error` string of an `ok: false` answer (`message_not_found`), or null. */
export function slackErrorCode(error: unknown): string | null {
  const e = record(error);
  if (e?.code !== webApi.ErrorCode.PlatformError) return null;
  const code = record(e.data)?.error;
  return typeof code === "string" ? code : null;
}

/** Seconds Slack asked to wait on a 429, when the client rejects rate-limited calls. */
export function retryAfterSeconds(error: unknown): number | null {
  const e = record(error);
  return e?.code === webApi.ErrorCode.RateLimitedError && typeof e.retryAfter === "number" ? e.retryAfter : null;
}

/** Translates a Web API failure into the outbox's vocabulary: wait, give up, or retry. */
export function toDeliveryError(error: unknown): Error {
  const retryAfter = retryAfterSeconds(error);
  if (retryAfter !== null) return new RateLimitedError(Math.max(1, retryAfter) * 1000);
  const code = slackErrorCode(error);
  if (code !== null && permanentErrors.has(code)) return new PermanentDeliveryError(`slack answered ${code}`);
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * A log-safe description of an error: never the error object, whose Web API variants carry the
 * request and response bodies (owner names, descriptions) and would be serialised whole.
 * A refusal is named by its code (and case number) alone: its internal message may quote a
 * caller's address, an amount or a receipt number. Other messages and stacks lose phones and ID
 * numbers.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (isWorkflowError(error)) return { type: "WorkflowError", code: error.code, ...(typeof error.params.number === "string" ? { number: error.params.number } : {}) };
  const e = record(error);
  if (e && typeof e.code === "string" && e.code.startsWith("slack_")) {
    return { type: "SlackError", code: e.code, slackError: slackErrorCode(error), retryAfter: retryAfterSeconds(error) };
  }
  if (error instanceof Error) return { type: error.name, message: redactPhones(error.message), stack: redactPhones(error.stack ?? "") };
  return { type: typeof error, message: redactPhones(String(error)) };
}

const redactPhones = redactPersonalNumbers;
