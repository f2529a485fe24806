import type { App } from "@slack/bolt";
import type { CallbackOutcome } from "../../../../core/domain/callback.js";
import { recordCallback } from "../../../../core/use-cases/record-callback.js";
import { showReporterPhone } from "../../../../core/use-cases/show-reporter-phone.js";
import { CallbackButtonValueSchema, callbackActionIds, CaseButtonValueSchema } from "../../interaction-values.js";
import type { SlackDeps } from "../../slack-deps.js";
import { staffText, tellClicker } from "../interaction.js";
import { onButton } from "./on-button.js";

const outcomes: Record<string, CallbackOutcome> = {
  [callbackActionIds.satisfied]: "satisfied",
  [callbackActionIds.notSatisfied]: "not_fixed",
  [callbackActionIds.noAnswer]: "no_answer",
};

/** The callback card's outcome buttons, whatever the case's kind; the core's kind policy ends or sends back the case, or the callback is retried. */
function registerOutcomeButtons(app: App, deps: SlackDeps): void {
  for (const [actionId, outcome] of Object.entries(outcomes)) {
    onButton(app, deps, {
      actionId,
      surface: "callback-buttons",
      value: CallbackButtonValueSchema,
      // A double click is dropped here; two people answering one prompt are refused by the core.
      key: ({ value, clicker }) => `callback:${clicker.userId}:${value.callbackId}:${value.attempt}`,
      context: (value) => ({ callbackId: value.callbackId, attempt: value.attempt }),
      act: ({ value, clicker }) =>
        recordCallback(deps.workflow, { callbackId: value.callbackId, staffUserId: clicker.userId, outcome, attempt: value.attempt }),
    });
  }
}

/**
 * Show number, on the callback card of any kind's case: the full phone to dial, to the front
 * desk member alone (an ephemeral); the core records that it was shown and to whom.
 */
function registerShowNumber(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  onButton(app, deps, {
    actionId: callbackActionIds.showNumber,
    surface: "callback-buttons",
    value: CaseButtonValueSchema,
    // Every click shows it again (and is recorded): a receptionist may need it twice.
    key: ({ triggerId }) => `${callbackActionIds.showNumber}:${triggerId}`,
    context: (value) => ({ caseId: value.ticketId }),
    act: async ({ value, clicker, client, log }) => {
      const shown = await showReporterPhone(deps.workflow, { caseId: value.ticketId, staffUserId: clicker.userId });
      await tellClicker(client, clicker, t("staff:callback.number_shown", shown), log);
    },
  });
}

/** The buttons of every kind's callback card (回访). */
export function registerCallbackButtons(app: App, deps: SlackDeps): void {
  registerOutcomeButtons(app, deps);
  registerShowNumber(app, deps);
}
