import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../slack-deps.js";
import { registerAssignSubmission } from "./assign-submission.js";
import { registerCancelSubmission } from "./cancel-submission.js";
import { registerScheduleSubmission } from "./schedule-submission.js";

/** Every modal submission listener. */
export function register(app: App, deps: SlackDeps): void {
  registerAssignSubmission(app, deps);
  registerScheduleSubmission(app, deps);
  registerCancelSubmission(app, deps);
}
