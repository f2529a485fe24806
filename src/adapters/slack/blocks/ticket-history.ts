import type { MessageParams } from "../../../core/domain/outbox.js";
import type { Actor, TicketEvent } from "../../../core/domain/ticket.js";
import type { TicketView } from "../../../core/use-cases/get-ticket-view.js";
import { escapeMrkdwn, type FormatInstant, type Translate } from "./format.js";

/** Event types with a sentence in `staff:events`; others render as `staff:events.other`. */
const describedEvents = new Set([
  "reported",
  "claim",
  "assign",
  "propose_time",
  "time_confirmed",
  "other_time_requested",
  "start",
  "completed",
  "leak_test_passed",
  "reopened",
  "cancel",
  "callback_prompted",
  "callback_no_answer",
  "callback_recorded",
  "escalated",
  "owner_answered_fixed",
]);

/** Reason codes the core writes into event data; a cancel reason is free text and stays as typed. */
const reasonCodes = new Set(["owner_not_fixed", "callback_not_fixed", "callback_unreachable"]);

/** Who acted, by name where the view knows it (staff names, the reporting owner). */
export function actorName(actor: Actor, view: Pick<TicketView, "reporter" | "staffNames">, t: Translate): string {
  switch (actor.type) {
    case "staff":
      return view.staffNames[actor.id] ?? t("staff:events.actors.staff");
    case "owner":
      return view.reporter?.id === actor.id ? view.reporter.name : t("staff:events.actors.owner");
    case "system":
      return t("staff:events.actors.system");
  }
}

/** What happened, as a sentence fragment ("assigned it to Li Qiang"). */
export function eventDescription(event: TicketEvent, t: Translate, formatInstant: FormatInstant): string {
  const params: MessageParams = { type: event.type };
  for (const [name, value] of Object.entries(event.data)) {
    if (typeof value === "string" || typeof value === "number") params[name] = value;
  }
  const data = event.data;
  if (typeof data.appointmentAt === "string") params.at = formatInstant(new Date(data.appointmentAt));
  if (typeof data.dueAt === "string") params.dueAt = formatInstant(new Date(data.dueAt));
  if (typeof data.reason === "string" && reasonCodes.has(data.reason)) params.reason = t(`staff:events.reasons.${data.reason}`);
  if (typeof data.outcome === "string") params.outcome = t(`staff:callback.outcomes.${data.outcome}`);
  if (data.answer === "yes" || data.answer === "no") params.answer = t(`staff:card.fixed_${data.answer}`);
  return t(describedEvents.has(event.type) ? `staff:events.${event.type}` : "staff:events.other", params);
}

/** One mrkdwn line per event, oldest first: when · who what. */
export function historyLines(view: Pick<TicketView, "recentEvents" | "reporter" | "staffNames">, t: Translate, formatInstant: FormatInstant): string[] {
  return view.recentEvents.map((event) => {
    const who = escapeMrkdwn(actorName(event.actor, view, t));
    return `${formatInstant(event.at)} · *${who}* ${escapeMrkdwn(eventDescription(event, t, formatInstant))}`;
  });
}
