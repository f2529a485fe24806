import type { types } from "@slack/bolt";
import type { RepairCase, RepairDetails } from "../../../../core/kinds/repair/details.js";
import type { CaseView } from "../../../../core/use-cases/get-case-view.js";
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
import { chargeLinesMrkdwn } from "../../blocks/charge-rows.js";
import { repairCardButtonsFor } from "./card-buttons.js";
import { repairEvents } from "./events.js";

/** What a repair's card and prompts are drawn from. */
export type RepairView = CaseView<RepairDetails>;

/** Where the repair is: the unit, or the public place with the reporter's unit. */
export function placeLabel(view: Pick<RepairView, "subject" | "unit">, t: Translate): string {
  const unit = unitLabel(view.unit);
  const { publicArea } = view.subject.details;
  return publicArea ? t("staff:card.public_area", { place: publicArea, unit }) : unit;
}

/** The repair under its number at the top of its modals: what the owner wrote. */
export function repairSummary(repair: Pick<RepairCase, "details">): string {
  return repair.details.description;
}

function cardFields(view: RepairView, t: Translate, formatInstant: FormatInstant): types.MrkdwnElement[] {
  const { subject } = view;
  const repair = subject.details;
  // A repair opened because a complaint's harm is ongoing has no wish to wait for: it is at once.
  const preferredTime = repair.preferredTime ? t("common:preferred_time", { time: repair.preferredTime }) : t("staff:card.at_once");
  const preferred = repair.ownerTimeRequest ? `${preferredTime}\n${t("staff:card.owner_time_request", { request: repair.ownerTimeRequest })}` : preferredTime;
  const fields = [
    field(t("staff:card.unit"), placeLabel(view, t)),
    field(t("staff:card.owner"), reporterLabel(view, t)),
    field(t("staff:card.status"), t(`common:status.${subject.status}`)),
    field(t("staff:card.billing"), t(`common:billing.${repair.billing}`)),
    field(t("staff:card.preferred_time"), preferred),
    field(t("staff:card.assignee"), view.assignee?.name ?? t("staff:card.unassigned")),
    field(t("staff:card.appointment"), repair.appointmentAt ? formatInstant(repair.appointmentAt) : t("staff:card.not_scheduled")),
    field(t("staff:card.photos"), String(repair.photos.length)),
  ];
  // A repair the front desk took for the owner says how, so the team knows the owner may not be on the bot.
  if (repair.intakeChannel !== "telegram") fields.push(field(t("staff:intake.channel"), t(`staff:intake.channels.${repair.intakeChannel}`)));
  if (repair.ownerFixedAnswer) fields.push(field(t("staff:card.fixed_answer"), t(`staff:card.fixed_${repair.ownerFixedAnswer}`)));
  return fields;
}

/**
 * The dispatch card (维修工作单) of a repair: who, where, what, the state of the work, a paid
 * repair's items with their total, its running clocks and recent history, and the buttons the
 * lifecycle allows now. Pure: the same view gives
 * the same card, so the sender can redraw it in place after every change. Statuses render as
 * `common:status.<status>`, the keys the owner's side shares.
 */
export function repairCard(view: RepairView, t: Translate, formatInstant: FormatInstant): SlackMessage {
  const { subject } = view;
  const category = t(`common:category.${subject.details.category}`);
  const status = t(`common:status.${subject.status}`);
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(truncate(t("staff:card.title", { number: subject.number, category }), 150)) },
    ...fieldSections(cardFields(view, t, formatInstant)),
    { type: "section", text: mrkdwn(truncate(`*${t("staff:card.description")}*\n${escapeMrkdwn(subject.details.description)}`, 3000)) },
  ];
  const { chargeLines } = subject.details;
  if (chargeLines.length > 0) blocks.push({ type: "section", text: mrkdwn(truncate(`*${t("staff:card.charges")}*\n${chargeLinesMrkdwn(chargeLines, t)}`, 3000)) });
  if (subject.cancelReason && subject.status === "cancelled") blocks.push(context(escapeMrkdwn(t("staff:card.cancel_reason", { reason: subject.cancelReason }))));
  blocks.push(...caseCardFooter(view, { buttons: repairCardButtonsFor(subject), events: repairEvents }, t, formatInstant));
  const text = t("staff:card.fallback", { number: subject.number, category, place: placeLabel(view, t), status });
  return { text: escapeMrkdwn(text), blocks };
}
