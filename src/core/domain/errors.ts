/**
 * Every failure the workflow can explain to a person. Adapters map each code to a localized
 * sentence (owners) or an ephemeral message (staff) in one place; anything that is not a
 * WorkflowError is a bug, logged with context and answered with a polite generic message.
 */
export const workflowErrorCodes = [
  "not_found",
  "invalid_input",
  "invalid_transition",
  "conflict",
  "not_staff",
  "forbidden",
  "not_verified",
  "contact_not_own",
  "unit_not_found",
  "already_decided",
  "callback_not_open",
  "expired",
  "time_in_past",
  "assignee_not_in_team",
  "site_visit_required",
  "team_on_the_way",
  "charge_lines_required",
  "charge_lines_not_allowed",
  "price_item_unknown",
  "charge_not_found",
  "payment_over_outstanding",
  "payment_in_future",
  "receipt_number_used",
] as const;

export type WorkflowErrorCode = (typeof workflowErrorCodes)[number];

export class WorkflowError extends Error {
  override readonly name = "WorkflowError";

  /**
   * @param code closed set of reasons, each with a locale key `errors.<code>`
   * @param message internal detail for tests and the admin command line; never shown to a user,
   *   and never logged, since it may quote an owner's words, an address or an amount
   * @param params interpolation values for the user-facing sentence
   */
  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
  }
}

export function isWorkflowError(error: unknown): error is WorkflowError {
  return error instanceof WorkflowError;
}

/** Parses outside input; a failure becomes `invalid_input` carrying the first problem's text. */
export function parseInput<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const reason = result.error.issues[0]?.message ?? "invalid";
  throw new WorkflowError("invalid_input", reason, { reason });
}
