import type { App } from "@slack/bolt";
import { slackKinds } from "../kinds/index.js";
import type { SlackKind } from "../kinds/slack-kind.js";
import type { SlackDeps } from "../slack-deps.js";
import * as actions from "./actions/index.js";
import * as views from "./views/index.js";

/**
 * Registers every listener: the shared ones grouped by the Slack surface they answer, then each
 * kind's own buttons and modal submissions through its module's `register`.
 */
export function registerListeners(app: App, deps: SlackDeps, kinds: readonly SlackKind[] = slackKinds): void {
  actions.register(app, deps, kinds);
  views.register(app, deps);
  for (const kind of kinds) kind.register(app, deps);
}
