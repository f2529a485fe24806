import type { types } from "@slack/bolt";
import type { TicketAction } from "../../../core/domain/lifecycle.js";
import type { TicketView } from "../../../core/use-cases/get-ticket-view.js";
import { actionIds, encodeValue } from "../interaction-values.js";
import {
  button,
  context,
  escapeMrkdwn,
  field,
  fieldSections,
  type FormatInstant,
  type KnownBlock,
  maskPhone,
  mrkdwn,
  plain,
  type SlackMessage,
  type Translate,
  truncate,
  unitLabel,
} from "./format.js";
import { historyLines } from "./ticket-history.js";

interface CardButton {
  actionId: string;
  label: string;
  style?: "primary" | "danger";
}

/**
 * The staff buttons of lifecycle actions, in card order. Actions that only an owner or a
 * callback performs (confirm_time, request_other_time, reopen, close) have no button here.
 */
const cardButtons: Partial<Record<TicketAction, CardButton>> = {
  claim: { actionId: actionIds.claim, label: "staff:buttons.claim", style: "primary" },
  assign: { actionId: actionIds.assign, label: "staff:buttons.assign" },
  propose_time: { actionId: actionIds.schedule, label: "staff:buttons.schedule" },
  start: { actionId: actionIds.start, label: "staff:buttons.start", style: "primary" },
  complete: { actionId: actionIds.done, label: "staff:buttons.done", style: "primary" },
  complete_before_leak_test: { actionId: actionIds.done, label: "staff:buttons.done", style: "primary" },
  pass_leak_test: { actionId: actionIds.leakTestPassed, label: "staff:buttons.leak_test_passed", style: "primary" },
  cancel: { actionId: actionIds.cancel, label: "staff:buttons.cancel", style: "danger" },
};

/** Where the repair is: the unit, or the public place with the reporter's unit. */
export function placeLabel(view: Pick<TicketView, "ticket" | "unit">, t: Translate): string {
  const unit = unitLabel(view.unit);
  return view.ticket.publicArea ? t("staff:card.public_area", { place: view.ticket.publicArea, unit }) : unit;
}

/** The owner as staff see them: name and masked phone, never the full number. */
export function ownerLabel(view: Pick<TicketView, "reporter">, t: Translate): string {
  return view.reporter ? `${view.reporter.name} ${maskPhone(view.reporter.phone)}` : t("staff:card.unknown_owner");
}

function cardFields(view: TicketView, t: Translate, formatInstant: FormatInstant): types.MrkdwnElement[] {
  const { ticket } = view;
  const preferred = ticket.ownerTimeRequest
    ? `${ticket.preferredTime}\n${t("staff:card.owner_time_request", { request: ticket.ownerTimeRequest })}`
    : ticket.preferredTime;
  const fields = [
    field(t("staff:card.unit"), placeLabel(view, t)),
    field(t("staff:card.owner"), ownerLabel(view, t)),
    field(t("staff:card.status"), t(`common:status.${ticket.status}`)),
    field(t("staff:card.billing"), t(`common:billing.${ticket.billing}`)),
    field(t("staff:card.preferred_time"), preferred),
    field(t("staff:card.assignee"), view.assignee?.name ?? t("staff:card.unassigned")),
    field(t("staff:card.appointment"), ticket.appointmentAt ? formatInstant(ticket.appointmentAt) : t("staff:card.not_scheduled")),
    field(t("staff:card.photos"), String(ticket.photos.length)),
  ];
  if (ticket.ownerFixedAnswer) fields.push(field(t("staff:card.fixed_answer"), t(`staff:card.fixed_${ticket.ownerFixedAnswer}`)));
  return fields;
}

/** The buttons the lifecycle allows now (`view.actions`), each carrying the ticket id and version. */
export function cardActions(view: Pick<TicketView, "ticket" | "actions">, t: Translate): types.Button[] {
  const value = encodeValue({ ticketId: view.ticket.id, version: view.ticket.version });
  const seen = new Set<string>();
  const buttons: types.Button[] = [];
  for (const action of view.actions) {
    const spec = cardButtons[action];
    if (!spec || seen.has(spec.actionId)) continue;
    seen.add(spec.actionId);
    buttons.push(button(spec.actionId, t(spec.label), value, spec.style));
  }
  return buttons;
}

/**
 * The dispatch card (维修工作单) of a ticket: who, where, what, the state of the work, its running
 * clocks and recent history, and the buttons the lifecycle allows now. Pure: the same view gives
 * the same card, so the sender can redraw it in place after every change.
 */
export function ticketCardBlocks(view: TicketView, t: Translate, formatInstant: FormatInstant): SlackMessage {
  const { ticket } = view;
  const category = t(`common:category.${ticket.category}`);
  const status = t(`common:status.${ticket.status}`);
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(truncate(t("staff:card.title", { number: ticket.number, category }), 150)) },
    ...fieldSections(cardFields(view, t, formatInstant)),
    { type: "section", text: mrkdwn(truncate(`*${t("staff:card.description")}*\n${escapeMrkdwn(ticket.description)}`, 3000)) },
  ];
  if (ticket.cancelReason && ticket.status === "cancelled") blocks.push(context(escapeMrkdwn(t("staff:card.cancel_reason", { reason: ticket.cancelReason }))));
  const dues = view.clocks.map((clock) => t("staff:card.due", { clock: t(`staff:clocks.${clock.rule.replace(/\./g, "_")}`), at: formatInstant(clock.dueAt) }));
  if (dues.length > 0) blocks.push(context(`:alarm_clock: ${dues.map(escapeMrkdwn).join("\n")}`));
  const history = historyLines(view, t, formatInstant);
  if (history.length > 0) blocks.push(context(`*${t("staff:card.history")}*\n${history.join("\n")}`));
  const buttons = cardActions(view, t);
  if (buttons.length > 0) blocks.push({ type: "actions", block_id: "ticket_actions", elements: buttons });
  const text = t("staff:card.fallback", { number: ticket.number, category, place: placeLabel(view, t), status });
  return { text: escapeMrkdwn(text), blocks };
}
