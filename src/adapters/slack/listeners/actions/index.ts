import type { App } from "@slack/bolt";
import type { SlackKind } from "../../kinds/slack-kind.js";
import type { SlackDeps } from "../../slack-deps.js";
import { registerCallbackButtons } from "./callback-buttons.js";
import { registerCaseButtons } from "./case-buttons.js";
import { registerModalButtons } from "./modal-buttons.js";
import { registerVerificationButtons } from "./verification-buttons.js";

/** The buttons every kind's card shares (the kinds' modules name their cases), callback cards and verification cards. */
export function register(app: App, deps: SlackDeps, kinds: readonly SlackKind[]): void {
  registerCaseButtons(app, deps);
  registerModalButtons(app, deps, kinds);
  registerCallbackButtons(app, deps);
  registerVerificationButtons(app, deps);
}
