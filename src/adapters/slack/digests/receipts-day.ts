import { formatFen } from "../../../core/domain/money.js";
import { type DailyReceipts, dailyReceiptsDigest, getDailyReceipts } from "../../../core/reports/daily-receipts.js";
import { context, escapeMrkdwn, type FormatInstant, type KnownBlock, mrkdwn, plain, type SlackMessage, type Translate, truncate } from "../blocks/format.js";
import type { SlackDigest } from "./slack-digest.js";

/** Slack's limits of a message: 50 blocks, 3000 characters of a section's text. */
const maxBlocks = 50;
const maxSectionChars = 3000;

/** The receipt lines packed into at most `room` sections; lines beyond them are counted in a last line. */
function receiptSections(lines: readonly string[], room: number, more: (count: number) => string): KnownBlock[] {
  // Each section keeps room for the "more" line, so the cut never needs a section of its own.
  const budget = maxSectionChars - more(lines.length).length - 1;
  const sections: string[] = [];
  let current = "";
  for (const [index, line] of lines.entries()) {
    if (current !== "" && current.length + line.length + 1 > budget) {
      if (sections.length + 1 === room) {
        current = `${current}\n${more(lines.length - index)}`;
        break;
      }
      sections.push(current);
      current = "";
    }
    current = current === "" ? line : `${current}\n${line}`;
  }
  if (current !== "") sections.push(current);
  return sections.map((text) => ({ type: "section", text: mrkdwn(text) }));
}

/**
 * The day's receipts for the front desk (`receipts.day`): each receipt's number, amount, payer
 * and unit, the day's total, and the check of the year's sequence: the first and last number
 * issued so far and every number missing between them.
 */
export function receiptsDayDigest(record: DailyReceipts, t: Translate, formatInstant: FormatInstant): SlackMessage {
  const total = formatFen(record.totalFen);
  const blocks: KnownBlock[] = [{ type: "header", text: plain(truncate(t("staff:report.receipts.title", { day: record.day }), 150)) }];
  if (record.receipts.length === 0) blocks.push(context(t("staff:report.receipts.none")));
  const lines = record.receipts.map((receipt) =>
    escapeMrkdwn(
      t("staff:report.receipts.line", { number: receipt.number, amount: formatFen(receipt.amountFen), payer: receipt.payerName, unit: `${receipt.building}-${receipt.unit}`, at: formatInstant(receipt.issuedAt) }),
    ),
  );
  // The header, the total and the sequence check leave this many blocks for the receipts.
  blocks.push(...receiptSections(lines, maxBlocks - 3, (count) => t("staff:report.receipts.more", { count })));
  blocks.push({ type: "section", text: mrkdwn(`*${t("staff:report.receipts.total", { count: record.receipts.length, total })}*`) });
  const { sequence } = record;
  const check =
    sequence.first === null
      ? t("staff:report.receipts.sequence_empty")
      : sequence.missingCount === 0
        ? t("staff:report.receipts.sequence_whole", { first: sequence.first, last: sequence.last ?? sequence.first, count: sequence.count })
        : t("staff:report.receipts.sequence_gap", {
            first: sequence.first,
            last: sequence.last ?? sequence.first,
            count: sequence.missingCount,
            numbers: sequence.missing.join(", ") + (sequence.missingCount > sequence.missing.length ? " …" : ""),
          });
  blocks.push(context(truncate(check, maxSectionChars)));
  const fallbackKey = sequence.missingCount === 0 ? "staff:report.receipts.fallback" : "staff:report.receipts.fallback_gap";
  return { text: t(fallbackKey, { day: record.day, count: record.receipts.length, total, missing: sequence.missingCount }), blocks };
}

/** `receipts.day`: the day's receipts read at delivery, for the day the evening run queued. */
export const receiptsDaySlackDigest: SlackDigest = {
  id: dailyReceiptsDigest,
  render: async (workflow, period, t, formatInstant) => receiptsDayDigest(await getDailyReceipts(workflow, period), t, formatInstant),
};
