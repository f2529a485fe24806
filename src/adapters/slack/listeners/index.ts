import type { App } from "@slack/bolt";
import { slackIntakes, slackKinds } from "../kinds/index.js";
import type { SlackIntake } from "../kinds/slack-intake.js";
import type { SlackKind } from "../kinds/slack-kind.js";
import type { SlackDeps } from "../slack-deps.js";
import * as actions from "./actions/index.js";
import { registerIntakeForm } from "./intake-form.js";
import { registerUnknownInteractions } from "./unknown-interactions.js";
import * as views from "./views/index.js";

/**
 * Registers every listener: the shared ones grouped by the Slack surface they answer, the front
 * desk's form over the kinds it takes, then each kind's own buttons and modal submissions
 * through its module's `register`; last, the answers to whatever none of them answers.
 */
export function registerListeners(app: App, deps: SlackDeps, kinds: readonly SlackKind[] = slackKinds, intakes: readonly SlackIntake[] = slackIntakes): void {
  actions.register(app, deps, kinds);
  views.register(app, deps);
  registerIntakeForm(app, deps, intakes);
  for (const kind of kinds) kind.register(app, deps);
  registerUnknownInteractions(app, deps);
}
