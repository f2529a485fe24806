import type { App, BlockButtonAction, webApi } from "@slack/bolt";
import type { Logger } from "pino";
import type { z } from "zod";
import type { MessageParams } from "../../../../core/domain/outbox.js";
import { decodeValue } from "../../interaction-values.js";
import type { SlackDeps } from "../../slack-deps.js";
import { timedAction } from "../action-log.js";
import { actOnFirstDelivery, type Clicker, explainFailure, explainUnreadable } from "../interaction.js";
import { noteAnswered } from "../unknown-interactions.js";

/** A click whose button value decoded, as a button listener acts on it. */
export interface ButtonClick<V> {
  value: V;
  clicker: Clicker;
  /** Slack's trigger id: a modal must be opened with it within 3 s of the click. */
  triggerId: string;
  client: webApi.WebClient;
  log: Logger;
}

/** One button: what its value is, when two clicks are the same one, and what a click does. */
export interface ButtonListener<V> {
  actionId: string;
  /** The group of buttons it belongs to, as the logs name it (`surface`). */
  surface: string;
  /** The button's value; a value it does not parse is answered as an outdated button. */
  value: z.ZodType<V>;
  /** Clicks with the same key are one click: a double click or Slack's retry acts once. */
  key(click: ButtonClick<V>): string;
  /** What the logs say the click was about. */
  context(value: V): Record<string, unknown>;
  act(click: ButtonClick<V>): Promise<unknown>;
  /** Placeholders for refusals about something that is not a case (a verification names no number). */
  fallback?: MessageParams;
}

/**
 * Registers a button. Acknowledging is the first awaited call (Slack allows 3 s); the value is
 * decoded, and one that does not decode gets the polite "out of date" answer; the click acts
 * once per `key`; a refusal or failure is explained to the clicker alone. The twin of
 * `onSubmission` for modals, so every button answers in the same way.
 */
export function onButton<V>(app: App, deps: SlackDeps, listener: ButtonListener<V>): void {
  const log = deps.logger.child({ surface: listener.surface });
  noteAnswered(app, "action", listener.actionId);
  app.action<BlockButtonAction>(listener.actionId, async ({ ack, body, action, client }) => {
    await ack();
    const clicker = { userId: body.user.id, channel: body.channel?.id };
    const value = decodeValue(listener.value, action.value);
    if (value === null) return explainUnreadable(deps, client, clicker, log, listener.actionId);
    const click: ButtonClick<V> = { value, clicker, triggerId: body.trigger_id, client, log };
    const context = { actionId: listener.actionId, ...listener.context(value) };
    try {
      const acted = await actOnFirstDelivery(deps, listener.key(click), () => timedAction(log, context, () => listener.act(click)));
      if (!acted) log.info(context, "repeated click ignored");
    } catch (error) {
      await explainFailure({ deps, client, clicker, error, log, context, fallback: listener.fallback });
    }
  });
}
