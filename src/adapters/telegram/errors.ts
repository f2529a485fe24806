import { GrammyError, HttpError } from "grammy";
import { isWorkflowError, type WorkflowErrorCode } from "../../core/domain/errors.js";
import { redactPersonalNumbers } from "../../core/domain/personal-numbers.js";

/**
 * The outcome of a core call made inside a conversation. Conversations persist what `external`
 * returns and structured-clone thrown errors (a WorkflowError comes back as a plain Error on
 * replay), so expected failures travel as this plain JSON value instead of as exceptions.
 */
export type CoreResult<T> =
  | { ok: true; value: T }
  | { ok: false; code: WorkflowErrorCode; params: Record<string, string | number> };

/** Runs a core call; a WorkflowError becomes a failed result, anything else (a bug) is rethrown. */
export async function attempt<T>(work: () => Promise<T>): Promise<CoreResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (isWorkflowError(error)) return { ok: false, code: error.code, params: { ...error.params } };
    throw error;
  }
}

/** A core call that failed unexpectedly (a dropped connection, a bug), already logged; worth another try. */
export interface UnexpectedFailure {
  ok: false;
  code: "unknown";
  params: Record<string, never>;
}

/**
 * Like {@link attempt}, but an unexpected error is reported through `log` and returned as
 * `code: "unknown"` instead of thrown. For a step the owner can simply repeat: thrown out of a
 * conversation, the error would end it and throw away everything the owner had entered.
 */
export async function attemptOrReport<T>(work: () => Promise<T>, log: (error: unknown) => void): Promise<CoreResult<T> | UnexpectedFailure> {
  try {
    return await attempt(work);
  } catch (error) {
    log(error);
    return { ok: false, code: "unknown", params: {} };
  }
}

/**
 * A log-safe description of an error. Never the error object itself: GrammyError carries the
 * request payload (message text, possibly a shared contact) and pino would serialise it all.
 * A refusal is named by its code (and case number) alone: its internal message may quote what
 * the owner typed, an address or an amount. Other messages and stacks lose phones and ID numbers.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError) {
    return { type: "GrammyError", method: error.method, errorCode: error.error_code, description: error.description };
  }
  if (error instanceof HttpError) return { type: "HttpError", message: error.message };
  if (isWorkflowError(error)) return { type: "WorkflowError", code: error.code, ...(typeof error.params.number === "string" ? { number: error.params.number } : {}) };
  if (error instanceof Error) return { type: error.name, message: redactPhones(error.message), stack: redactPhones(error.stack ?? "") };
  return { type: typeof error, message: redactPhones(String(error)) };
}

/** Phones in any form and ID numbers never reach the log; Telegram ids stay readable for debugging. */
const redactPhones = redactPersonalNumbers;
