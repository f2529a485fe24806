import type { types } from "@slack/bolt";
import { formatFen } from "../../../../core/domain/money.js";
import type { WorkOrder } from "../../../../core/domain/work-orders.js";
import type { ServiceCase } from "../../../../core/kinds/service/details.js";
import { caseCardFooter, reporterLabel } from "../../blocks/case-card.js";
import {
  context,
  escapeMrkdwn,
  field,
  fieldSections,
  type FormatInstant,
  type KnownBlock,
  mrkdwn,
  plain,
  type SlackMessage,
  type Translate,
  truncate,
  unitLabel,
} from "../../blocks/format.js";
import { serviceButtons } from "./card-buttons.js";
import { serviceEvents } from "./events.js";
import { agreedLabel, bookedItemName, chargeLineText, estimateLabel, scheduleLabel, type ServiceView } from "./service-text.js";

/** How many work orders the card lists before folding the earlier ones into one line. */
const shownWorkOrders = 8;

/** The service under its number at the top of shared modals, in no language: the item's code, the size, the owner's requests. */
export function serviceSummary(service: Pick<ServiceCase, "details">): string {
  const { priceCode, areaM2, hours, specialRequests } = service.details;
  const size = areaM2 !== null ? `${areaM2} m²` : hours !== null ? `${hours} h` : null;
  return [priceCode, size, specialRequests || null].filter((part) => part !== null).join(" · ");
}

function timeField(view: ServiceView, t: Translate, formatInstant: FormatInstant): types.MrkdwnElement {
  const { subject } = view;
  const details = subject.details;
  if (details.isPackage) {
    return field(t("staff:service.fields.schedule"), details.packageSchedule ? scheduleLabel(details.packageSchedule, t) : t("staff:service.fields.no_schedule"));
  }
  const label = t("staff:service.fields.appointment");
  if (!details.appointmentAt) return field(label, t("staff:service.fields.not_scheduled"));
  const at = formatInstant(details.appointmentAt);
  // Proposed is not confirmed: the owner's Confirm opens the work order (PROCEDURES.md §4).
  return field(label, subject.status === "awaiting_confirmation" ? t("staff:service.fields.proposed", { at }) : at);
}

function cardFields(view: ServiceView, t: Translate, formatInstant: FormatInstant): types.MrkdwnElement[] {
  const { subject } = view;
  const details = subject.details;
  const fields = [
    field(t("staff:service.fields.service"), t(`staff:service.types.${details.serviceType}`)),
    field(t("staff:service.fields.item"), bookedItemName(view, t)),
    field(t("staff:card.unit"), unitLabel(view.unit)),
    field(t("staff:card.owner"), reporterLabel(view, t)),
    field(t("staff:card.status"), t(`staff:service.status.${subject.status}`)),
    field(t("staff:service.fields.assignee"), view.assignee?.name ?? t("staff:card.unassigned")),
  ];
  if (details.areaM2 !== null) fields.push(field(t("staff:service.fields.area"), t("staff:service.fields.area_value", { area: String(details.areaM2) })));
  if (details.hours !== null) fields.push(field(t("staff:service.fields.hours"), t("staff:service.fields.hours_value", { hours: String(details.hours) })));
  fields.push(field(t("staff:service.fields.preferred_time"), details.preferredTime || "-"), field(t("staff:service.fields.price"), estimateLabel(view, t)));
  if (details.onsitePricing) {
    fields.push(field(t("staff:service.fields.site_visit"), details.siteVisitAt ? formatInstant(details.siteVisitAt) : t("staff:service.fields.not_booked")));
  }
  fields.push(field(t("staff:service.fields.agreed"), agreedLabel(details, t)), timeField(view, t, formatInstant));
  // An order the front desk took for the owner says how, so the team knows the owner may not be on the bot.
  if (details.intakeChannel !== "telegram") fields.push(field(t("staff:service.fields.channel"), t(`staff:intake.channels.${details.intakeChannel}`)));
  return fields;
}

/** A titled block of lines; `lines` are escaped here. */
function listing(title: string, lines: readonly string[]): KnownBlock {
  return { type: "section", text: mrkdwn(truncate(`*${title}*\n${lines.map(escapeMrkdwn).join("\n")}`, 3000)) };
}

function quoteBlock(view: ServiceView, t: Translate): KnownBlock | null {
  const details = view.subject.details;
  if (details.quoteLines.length === 0) return null;
  const answer = t(`staff:service.quote.answers.${details.quoteAnswer ?? "waiting"}`);
  const total = t("staff:service.quote.total", { amount: formatFen(details.quoteTotalFen ?? 0) });
  return listing(t("staff:service.quote.title"), [...details.quoteLines.map((line) => chargeLineText(line, t)), `${total} · ${answer}`]);
}

/**
 * The month the card lists: that of the soonest visit still to come or to finish, else the
 * latest month of the register. Earlier months are folded into one line.
 */
function listedMonth(orders: readonly WorkOrder[]): string | null {
  const pending = orders.filter((order) => ["scheduled", "rescheduling", "proposed", "in_progress", "done"].includes(order.status));
  const candidates = pending.length > 0 ? pending : orders;
  const sorted = [...candidates].sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime());
  return (pending.length > 0 ? sorted[0] : sorted.at(-1))?.month ?? null;
}

function workOrderBlock(view: ServiceView, t: Translate, formatInstant: FormatInstant): KnownBlock | null {
  const orders = view.workOrders ?? [];
  if (orders.length === 0) return null;
  const month = listedMonth(orders);
  const listed = orders.filter((order) => order.month === month).sort((a, b) => a.sequence - b.sequence);
  const shown = listed.slice(-shownWorkOrders);
  const folded = orders.length - shown.length;
  const lines = shown.map((order) => {
    const at = order.status === "proposed" && order.proposedAt ? `${formatInstant(order.scheduledAt)} → ${formatInstant(order.proposedAt)}` : formatInstant(order.scheduledAt);
    const status = t(`staff:service.work_order_status.${order.status}`);
    const wish = order.status === "rescheduling" && order.ownerTimeRequest ? ` (${order.ownerTimeRequest})` : "";
    return `${t("staff:service.work_orders.line", { number: order.number, at, status })}${wish}`;
  });
  if (folded > 0) lines.unshift(t("staff:service.work_orders.more", { count: folded }));
  return listing(`${t("staff:service.work_orders.title")}${month ? ` · ${month}` : ""}`, lines);
}

function receiptBlock(view: ServiceView, t: Translate, formatInstant: FormatInstant): KnownBlock | null {
  const receipts = view.receipts ?? [];
  if (receipts.length === 0) return null;
  return listing(
    t("staff:service.receipts.title"),
    receipts.slice(-shownWorkOrders).map((receipt) => {
      const params = { number: receipt.number, amount: formatFen(receipt.amountFen), at: formatInstant(receipt.issuedAt) };
      return receipt.period ? t("staff:service.receipts.line_period", { ...params, period: receipt.period }) : t("staff:service.receipts.line", params);
    }),
  );
}

function notes(view: ServiceView, t: Translate): KnownBlock | null {
  const { subject } = view;
  const details = subject.details;
  const lines: string[] = [];
  if (details.ownerTimeRequest) lines.push(t("staff:service.owner_time_request", { request: details.ownerTimeRequest }));
  if (details.problemReport) lines.push(t("staff:service.problem_report", { words: details.problemReport }));
  if (subject.cancelReason && subject.status === "cancelled") lines.push(t("staff:card.cancel_reason", { reason: subject.cancelReason }));
  return lines.length > 0 ? context(escapeMrkdwn(lines.join("\n"))) : null;
}

/**
 * The service order's card (有偿服务单) in its team's channel: what was booked and for whom, the
 * owner's wish, the estimate or "priced on site", the site visit, the quote and the owner's
 * answer, the agreed price, the confirmed time or the package's schedule with the month's work
 * orders, the receipts, then the shared footer (clocks, history) and the buttons the lifecycle
 * allows now. Pure, so the sender redraws it in place after every change.
 */
export function serviceCard(view: ServiceView, t: Translate, formatInstant: FormatInstant): SlackMessage {
  const { subject } = view;
  const details = subject.details;
  const service = t(`staff:service.types.${details.serviceType}`);
  const icon = t(`staff:service.icons.${subject.team === "greening" ? "greening" : "cleaning"}`);
  const blocks: KnownBlock[] = [{ type: "header", text: plain(truncate(t("staff:service.title", { icon, number: subject.number, service }), 150)) }, ...fieldSections(cardFields(view, t, formatInstant))];
  if (details.specialRequests) blocks.push(listing(t("staff:service.special_requests"), [details.specialRequests]));
  for (const block of [quoteBlock(view, t), workOrderBlock(view, t, formatInstant), receiptBlock(view, t, formatInstant), notes(view, t)]) {
    if (block) blocks.push(block);
  }
  blocks.push(...caseCardFooter(view, { buttons: {}, events: serviceEvents }, t, formatInstant));
  const buttons = serviceButtons(view, t);
  if (buttons.length > 0) blocks.push({ type: "actions", block_id: "ticket_actions", elements: buttons });
  const text = t("staff:service.fallback", { number: subject.number, service, unit: unitLabel(view.unit), status: t(`staff:service.status.${subject.status}`) });
  return { text: escapeMrkdwn(text), blocks };
}
