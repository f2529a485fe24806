import type { App, BlockAction, SlackShortcut, ViewSubmitAction } from "@slack/bolt";
import { outdatedModal } from "../blocks/modals.js";
import type { SlackDeps } from "../slack-deps.js";
import { explainUnreadable, staffText } from "./interaction.js";

type Surface = "action" | "view" | "shortcut";

/** The ids this app's listeners answer, per app and surface: what the fallbacks leave alone. */
const answered = new WeakMap<App, Record<Surface, Set<string>>>();

function idsOf(app: App): Record<Surface, Set<string>> {
  let ids = answered.get(app);
  if (!ids) {
    ids = { action: new Set(), view: new Set(), shortcut: new Set() };
    answered.set(app, ids);
  }
  return ids;
}

/** Records that a listener answers `id` on `surface`; every registration of a button, modal or shortcut calls it. */
export function noteAnswered(app: App, surface: Surface, id: string): void {
  idsOf(app)[surface].add(id);
}

/**
 * Answers what no listener of this app answers: a button, modal or shortcut of an id from an
 * older release (or a forged one), and request types the app never asked for. Without this,
 * Bolt waits 3 s, logs an error and answers 404, and Slack shows the clicker a warning instead of
 * a sentence. Registered after every listener; the ids are looked up when a request comes, so
 * the order of registration within {@link registerListeners} does not matter.
 */
export function registerUnknownInteractions(app: App, deps: SlackDeps): void {
  const log = deps.logger.child({ surface: "unknown-interactions" });
  const { t } = staffText(deps);
  const ids = idsOf(app);

  app.action<BlockAction>(/.*/, async ({ ack, body, action, client }) => {
    const actionId = "action_id" in action ? action.action_id : "";
    if (ids.action.has(actionId)) return;
    await ack();
    await explainUnreadable(deps, client, { userId: body.user.id, channel: body.channel?.id }, log, actionId);
  });

  app.view<ViewSubmitAction>({ callback_id: /.*/, type: "view_submission" }, async ({ ack, view, body }) => {
    if (ids.view.has(view.callback_id)) return;
    log.warn({ callbackId: view.callback_id, staffUserId: body.user.id }, "submission of an unknown modal refused");
    await ack({ response_action: "update", view: outdatedModal(t) });
  });

  // No modal asks to be told it was closed; a notice of one is acknowledged and changes nothing.
  app.view({ callback_id: /.*/, type: "view_closed" }, async ({ ack }) => {
    await ack();
  });

  app.shortcut<SlackShortcut>(/.*/, async ({ ack, shortcut }) => {
    if (ids.shortcut.has(shortcut.callback_id)) return;
    log.warn({ callbackId: shortcut.callback_id }, "unknown shortcut ignored");
    await ack();
  });

  // No select loads its options from the app and no slash command is declared: answered empty.
  app.options(/.*/, async ({ ack }) => {
    await ack({ options: [] });
  });
  app.command(/.*/, async ({ ack }) => {
    await ack();
  });
}
