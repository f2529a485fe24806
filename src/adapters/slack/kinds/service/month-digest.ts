import { formatFen } from "../../../../core/domain/money.js";
import { getServiceMonthSummary, type ServiceMonthSummary } from "../../../../core/kinds/service/use-cases/get-service-month-summary.js";
import { serviceMonthDigest as serviceMonthDigestId } from "../../../../core/kinds/service/package/month-close.js";
import type { SlackDigest } from "../../digests/slack-digest.js";
import { context, escapeMrkdwn, type FormatInstant, type KnownBlock, mrkdwn, plain, type SlackMessage, type Translate, truncate } from "../../blocks/format.js";

/** Slack's limits of a message: 50 blocks, 3000 characters of a section's text. */
const maxBlocks = 50;
const maxSectionChars = 3000;

/** One customer's lines, cut before Slack's limit of a section with a line saying how many were left off. */
function customerText(customer: ServiceMonthSummary["customers"][number], t: Translate, formatInstant: FormatInstant): string {
  const heading = t("staff:service.digest.month.customer", {
    unit: escapeMrkdwn(`${customer.building}-${customer.unit}`),
    name: escapeMrkdwn(customer.residentName),
    total: formatFen(customer.totalFen),
  });
  const lines: string[] = [];
  for (const order of customer.orders) {
    lines.push(escapeMrkdwn(t("staff:service.digest.month.order", { number: order.number, service: `${t(`staff:service.types.${order.serviceType}`)} (${order.priceCode})` })));
    for (const workOrder of order.workOrders) {
      const status = t(`staff:service.work_order_status.${workOrder.status}`);
      lines.push(escapeMrkdwn(t("staff:service.digest.month.work_order", { number: workOrder.number, at: formatInstant(workOrder.scheduledAt), status })));
    }
  }
  for (const receipt of customer.receipts) lines.push(escapeMrkdwn(t("staff:service.digest.month.receipt", { number: receipt.number, amount: formatFen(receipt.amountFen) })));
  let text = heading;
  for (const [index, line] of lines.entries()) {
    const more = t("staff:service.digest.month.more_lines", { count: lines.length - index });
    // Room is kept for the "more lines" line, so the cut never falls inside a number.
    if (text.length + line.length + more.length + 2 > maxSectionChars) return `${text}\n${more}`;
    text = `${text}\n${line}`;
  }
  return text;
}

/**
 * The month's service orders for the front desk (`service.month`): per customer (unit and
 * resident) the orders with their work orders and status, the receipts and the customer's
 * total, then the month's total. Customers beyond one message's blocks are folded into one line
 * with their count and sum; the month's export has them all.
 */
export function serviceMonthDigest(summary: ServiceMonthSummary, t: Translate, formatInstant: FormatInstant): SlackMessage {
  const { month, customers } = summary;
  const total = formatFen(summary.totalFen);
  const blocks: KnownBlock[] = [{ type: "header", text: plain(truncate(t("staff:service.digest.month.title", { month }), 150)) }];
  if (customers.length === 0) blocks.push(context(t("staff:service.digest.month.none")));
  // The header, the folded line and the total leave this many blocks for customers.
  const room = maxBlocks - 3;
  const shown = customers.length > room + 1 ? customers.slice(0, room) : customers;
  for (const customer of shown) blocks.push({ type: "section", text: mrkdwn(customerText(customer, t, formatInstant)) });
  const folded = customers.slice(shown.length);
  if (folded.length > 0) {
    const foldedTotal = formatFen(folded.reduce((sum, customer) => sum + customer.totalFen, 0));
    blocks.push(context(t("staff:service.digest.month.more_customers", { count: folded.length, total: foldedTotal, month })));
  }
  blocks.push(context(`*${t("staff:service.digest.month.total", { total })}*`));
  return { text: t("staff:service.digest.month.fallback", { month, customers: customers.length, total }), blocks };
}

/** `service.month`: the month's summary read at delivery, for the period the month close queued. */
export const serviceMonthSlackDigest: SlackDigest = {
  id: serviceMonthDigestId,
  render: async (workflow, period, t, formatInstant) => serviceMonthDigest(await getServiceMonthSummary(workflow, period), t, formatInstant),
};
