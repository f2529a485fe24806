import { formatFen } from "../../../../core/domain/money.js";
import { context, escapeMrkdwn, type KnownBlock, mrkdwn, plain, type SlackMessage, type Translate, truncate } from "../../blocks/format.js";
import { feeStages } from "../../../../core/kinds/fee/details.js";
import { type FeeLadderSummary, feeWeekDigest as feeWeekDigestId, getFeeLadderSummary } from "../../../../core/kinds/fee/use-cases/ladder-summary.js";
import type { SlackDigest } from "../../digests/slack-digest.js";

/** Slack's limit of a section's text. */
const maxSectionChars = 3000;

/** The call list's lines, cut before Slack's limit with a line saying how many were left off. */
function callListText(figures: Pick<FeeLadderSummary, "stages" | "callList">, t: Translate): string {
  let text = `*${t("staff:fee.digest.week.call_list")}*`;
  if (figures.callList.length === 0) return `${text}\n${escapeMrkdwn(t("staff:fee.digest.week.call_none"))}`;
  for (const [index, call] of figures.callList.entries()) {
    const line = escapeMrkdwn(t("staff:fee.digest.week.call_line", { unit: `${call.building}-${call.unit}`, name: call.ownerName, phone: call.phone, amount: formatFen(call.amountFen) }));
    const more = escapeMrkdwn(t("staff:fee.digest.week.more_calls", { count: figures.callList.length - index }));
    if (text.length + line.length + more.length + 2 > maxSectionChars) return `${text}\n${more}`;
    text = `${text}\n${line}`;
  }
  return text;
}

/**
 * The week's fees in arrears for the front desk (`fee.week`): per stage of the ladder the
 * households and what they owe, the total, then the call list (building, unit, owner, phone,
 * amount) of the overdue households the bot cannot reach.
 */
export function feeWeekMessage(figures: Pick<FeeLadderSummary, "stages" | "callList">, week: string, t: Translate): SlackMessage {
  const stages = feeStages.map((stage) => ({ stage, ...figures.stages[stage] }));
  const households = stages.reduce((sum, stage) => sum + stage.households, 0);
  const total = formatFen(stages.reduce((sum, stage) => sum + stage.amountFen, 0));
  const blocks: KnownBlock[] = [{ type: "header", text: plain(truncate(t("staff:fee.digest.week.title", { week }), 150)) }];
  const shown = stages.filter((stage) => stage.households > 0);
  if (shown.length === 0) blocks.push(context(escapeMrkdwn(t("staff:fee.digest.week.none"))));
  else {
    const lines = shown.map((stage) => t("staff:fee.digest.week.stage", { stage: t(`staff:fee.stages.${stage.stage}`), households: stage.households, amount: formatFen(stage.amountFen) }));
    blocks.push({ type: "section", text: mrkdwn(truncate(lines.join("\n"), maxSectionChars)) });
    blocks.push(context(escapeMrkdwn(t("staff:fee.digest.week.total", { households, total }))));
  }
  blocks.push({ type: "section", text: mrkdwn(callListText(figures, t)) });
  return { text: escapeMrkdwn(t("staff:fee.digest.week.fallback", { week, households, total })), blocks };
}

/** `fee.week`: the ladder read at delivery, for the ISO week the Monday summary queued. */
export const feeWeekSlackDigest: SlackDigest = {
  id: feeWeekDigestId,
  render: async (workflow, week, t) => feeWeekMessage(await getFeeLadderSummary(workflow), week, t),
};
