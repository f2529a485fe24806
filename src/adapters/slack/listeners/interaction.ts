import type { webApi } from "@slack/bolt";
import type { Logger } from "pino";
import { isWorkflowError } from "../../../core/domain/errors.js";
import type { MessageParams } from "../../../core/domain/outbox.js";
import type { FormatInstant, Translate } from "../blocks/format.js";
import { refusalText } from "../blocks/refusal-text.js";
import type { SlackDeps } from "../slack-deps.js";
import { describeError } from "../slack-errors.js";

/** The staff language bound once, as the pure builders want it. */
export function staffText(deps: SlackDeps): { t: Translate; formatInstant: FormatInstant } {
  return {
    t: (key, params) => deps.translator.t(deps.staffLocale, key, params),
    formatInstant: (at) => deps.translator.formatInstant(deps.staffLocale, at),
  };
}

/**
 * Runs `act` for an interaction's first delivery only, and says whether it ran. A double click
 * or a retried request (`x-slack-retry-num`) carries the same key and is not acted on again.
 *
 * The key is recorded before acting, so a repeat arriving while the first is still running is
 * dropped too. When `act` fails the key is forgotten again and the error rethrown: the refusal
 * (not staff because the import has not run yet, a conflict) changed nothing, so the clicker's
 * next click must act rather than be ignored as a repeat.
 */
export async function actOnFirstDelivery(deps: SlackDeps, key: string, act: () => Promise<unknown>): Promise<boolean> {
  const { uow, time } = deps.workflow;
  if (!(await uow.transaction((store) => store.inbox.recordOnce("slack", key, time.now())))) return false;
  try {
    await act();
  } catch (error) {
    await uow.transaction((store) => store.inbox.forget("slack", key)).catch((forgetError: unknown) => {
      deps.logger.error({ key, err: describeError(forgetError) }, "failed interaction still recorded; the clicker's retry will be ignored");
    });
    throw error;
  }
  return true;
}

/** Who clicked, and where an answer only they see can go. */
export interface Clicker {
  userId: string;
  /** The conversation of the card or of the modal's card; undefined when Slack did not say. */
  channel: string | undefined;
}

/** Tells only the clicker something, never failing the listener over it. */
export async function tellClicker(client: webApi.WebClient, clicker: Clicker, text: string, log: Logger): Promise<void> {
  if (!clicker.channel) return;
  try {
    await client.chat.postEphemeral({ channel: clicker.channel, user: clicker.userId, text });
  } catch (error) {
    log.warn({ err: describeError(error), staffUserId: clicker.userId }, "could not post an ephemeral reply");
  }
}

/**
 * The one place a failed staff action is explained. A WorkflowError (not staff, forbidden, not
 * allowed in this state, conflict…) is refused by the core before it changes anything, and the
 * clicker gets its sentence; anything else is a bug, logged with context, with a generic reply.
 * `fallback` fills placeholders some errors leave out (a front-desk refusal names no ticket).
 */
export async function explainFailure(input: {
  deps: SlackDeps;
  client: webApi.WebClient;
  clicker: Clicker;
  error: unknown;
  log: Logger;
  context: Record<string, unknown>;
  fallback?: MessageParams;
}): Promise<void> {
  const { t } = staffText(input.deps);
  let text: string;
  if (isWorkflowError(input.error)) {
    input.log.info({ ...input.context, code: input.error.code, staffUserId: input.clicker.userId }, "staff action refused");
    const fallback = { number: t("staff:errors.this_request"), ...input.fallback };
    text = refusalText(t, input.error) ?? t(`common:errors.${input.error.code}`, { ...fallback, ...input.error.params });
  } else {
    input.log.error({ ...input.context, err: describeError(input.error), staffUserId: input.clicker.userId }, "staff action failed");
    text = t("common:errors.unknown");
  }
  await tellClicker(input.client, input.clicker, text, input.log);
}

/** The answer to a button whose value does not decode: an outdated or forged card. */
export async function explainUnreadable(deps: SlackDeps, client: webApi.WebClient, clicker: Clicker, log: Logger, actionId: string): Promise<void> {
  log.warn({ actionId, staffUserId: clicker.userId }, "unreadable button value");
  await tellClicker(client, clicker, staffText(deps).t("staff:errors.unreadable_button"), log);
}
