import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.js";
import { registerAssignSubmission } from "./assign-submission.js";
import { registerCancelSubmission } from "./cancel-submission.js";

/** The submissions of the modals every kind shares; a kind's own modals are its module's. */
export function register(app: App, deps: SlackDeps): void {
  registerAssignSubmission(app, deps);
  registerCancelSubmission(app, deps);
}
