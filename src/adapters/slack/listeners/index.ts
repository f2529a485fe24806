import type { App } from "@slack/bolt";
import type { SlackDeps } from "../slack-deps.js";
import * as actions from "./actions/index.js";
import * as views from "./views/index.js";

/** Registers every listener, grouped by the Slack surface it answers. */
export function registerListeners(app: App, deps: SlackDeps): void {
  actions.register(app, deps);
  views.register(app, deps);
}
