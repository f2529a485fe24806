import { complaintSlackKind } from "./complaint/index.js";
import { feeSlackKind } from "./fee/index.js";
import { repairSlackKind } from "./repair/index.js";
import { serviceSlackKind } from "./service/index.js";
import { intakesOf, type SlackIntake } from "./slack-intake.js";
import type { SlackKind } from "./slack-kind.js";

export { findSlackKind, type SlackKind } from "./slack-kind.js";

/**
 * The kinds of request the Slack side draws and answers. Adding a kind is one line here (and its
 * folder beside `repair/`); the sender and the shared listeners do not change.
 */
export const slackKinds: readonly SlackKind[] = [repairSlackKind, complaintSlackKind, serviceSlackKind, feeSlackKind];

/** The kinds the front desk's form (`new_request`) takes, in the order "What is it" offers them: each module declares its own. */
export const slackIntakes: readonly SlackIntake[] = intakesOf(slackKinds);
