import type { App, BlockButtonAction } from "@slack/bolt";
import type { CallbackOutcome } from "../../../../core/domain/callback.js";
import { recordCallback } from "../../../../core/use-cases/record-callback.js";
import { actionIds, CallbackButtonValueSchema, decodeValue } from "../../interaction-values.js";
import type { SlackDeps } from "../../slack-deps.js";
import { actOnFirstDelivery, explainFailure, explainUnreadable } from "../interaction.js";

const outcomes: Record<string, CallbackOutcome> = {
  [actionIds.callbackSatisfied]: "satisfied",
  [actionIds.callbackNotFixed]: "not_fixed",
  [actionIds.callbackNoAnswer]: "no_answer",
};

/** The callback prompt's outcome buttons; the core closes, reopens or retries the callback. */
export function registerCallbackButtons(app: App, deps: SlackDeps): void {
  const log = deps.logger.child({ surface: "callback-buttons" });
  for (const [actionId, outcome] of Object.entries(outcomes)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const clicker = { userId: body.user.id, channel: body.channel?.id };
      const value = decodeValue(CallbackButtonValueSchema, action.value);
      if (!value) return explainUnreadable(deps, client, clicker, log, actionId);
      const context = { actionId, callbackId: value.callbackId, attempt: value.attempt };
      try {
        // A double click is dropped here; two people answering one prompt are refused by the core.
        const key = `callback:${clicker.userId}:${value.callbackId}:${value.attempt}`;
        const acted = await actOnFirstDelivery(deps, key, () =>
          recordCallback(deps.workflow, { callbackId: value.callbackId, staffUserId: clicker.userId, outcome, attempt: value.attempt }),
        );
        if (!acted) log.info(context, "repeated click ignored");
      } catch (error) {
        await explainFailure({ deps, client, clicker, error, log, context });
      }
    });
  }
}
