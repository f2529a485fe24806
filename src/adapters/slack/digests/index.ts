import { feeWeekSlackDigest } from "../kinds/fee/week-digest.js";
import { serviceMonthSlackDigest } from "../kinds/service/month-digest.js";
import { receiptsDaySlackDigest } from "./receipts-day.js";
import type { SlackDigest } from "./slack-digest.js";

export { type DigestFile, findSlackDigest, type SlackDigest } from "./slack-digest.js";
export { reportMonthSlackDigest } from "./report-month.js";

/** The periodic summaries the Slack side draws, by id. Adding one is one line here; the sender does not change. */
export const slackDigests: readonly SlackDigest[] = [serviceMonthSlackDigest, feeWeekSlackDigest, receiptsDaySlackDigest];
