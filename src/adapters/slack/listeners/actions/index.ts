import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.js";
import { registerCallbackButtons } from "./callback-buttons.js";
import { registerModalButtons } from "./modal-buttons.js";
import { registerTicketButtons } from "./ticket-buttons.js";
import { registerVerificationButtons } from "./verification-buttons.js";

/** Every button listener: dispatch cards, callback prompts, verification cards. */
export function register(app: App, deps: SlackDeps): void {
  registerTicketButtons(app, deps);
  registerModalButtons(app, deps);
  registerCallbackButtons(app, deps);
  registerVerificationButtons(app, deps);
}
