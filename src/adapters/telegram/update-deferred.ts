/**
 * An update this instance could not work on now, though nothing about it is wrong: another
 * instance holds its chat (or the update itself) past the wait, or the conversation state moved
 * on while it was handled. Nothing of it was committed as handled. It passes every error
 * boundary, so the webhook answers 500 and Telegram delivers the update again later, instead of
 * the owner reading an apology for a message that will simply be worked on a moment later.
 */
export class UpdateDeferred extends Error {
  override readonly name = "UpdateDeferred";

  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Whether an error means "deliver this update again later" rather than a failure to explain. */
export function isUpdateDeferred(error: unknown): error is UpdateDeferred {
  return error instanceof UpdateDeferred;
}
