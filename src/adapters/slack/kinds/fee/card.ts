import type { types } from "@slack/bolt";
import type { FeeType } from "../../../../core/domain/fees.js";
import { formatFen } from "../../../../core/domain/money.js";
import { blockKitLimits, fitText, foldMarks } from "../../blocks/block-limits.js";
import { type CardButtons, caseCardFooter, reporterLabel } from "../../blocks/case-card.js";
import { actorName, eventDescription } from "../../blocks/case-history.js";
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
import type { Case } from "../../../../core/case/case.js";
import { feeEvents, ownerAnswerTypes } from "./events.js";
import type { FeeDetails } from "../../../../core/kinds/fee/details.js";
import { feeStandingStatuses } from "../../../../core/kinds/fee/lifecycle.js";
import { type FeeView, openCharges, totalOutstandingFen } from "./fee-view.js";
import { feeActionIds } from "./interaction.js";

/** How many owner's answers the card lists, the latest ones. */
const shownAnswers = 10;
/** How many other steps the card's history lists, the latest ones. */
const shownSteps = 5;

/** A fee type in the staff's language. */
export function feeTypeName(feeType: FeeType, t: Translate): string {
  return t(`staff:fee.types.${feeType}`);
}

/** The fee case under its number at the top of shared modals: its stage, in no language. */
export function feeSummary(subject: Pick<Case<FeeDetails>, "details">): string {
  return subject.details.letterNumber ? `${subject.details.stage} · ${subject.details.letterNumber}` : subject.details.stage;
}

/**
 * The buttons by lifecycle action: the core's `cardActions` decides which show (Sent by express
 * mail once a letter is printed and not yet posted, Home visit done while the visit is due).
 */
const feeCardButtons = {
  record_payment: { actionId: feeActionIds.recordPayment, label: "staff:fee.buttons.record_payment", style: "primary" },
  mark_sent: { actionId: feeActionIds.markSent, label: "staff:fee.buttons.mark_sent" },
  home_visit_done: { actionId: feeActionIds.homeVisitDone, label: "staff:fee.buttons.home_visit_done" },
  refer_to_legal: { actionId: feeActionIds.referToLegal, label: "staff:fee.buttons.refer_to_legal", style: "danger" },
} as const satisfies CardButtons;

/**
 * The core's card actions, after Record payment: a payment is taken while the household's file
 * stands (open, or with the legal channel), whatever its stage.
 */
function shownActions(view: FeeView): string[] {
  const standing = (feeStandingStatuses as readonly string[]).includes(view.subject.status);
  return [...(standing ? ["record_payment"] : []), ...view.actions.filter((action) => action !== "record_payment")];
}

function cardFields(view: FeeView, t: Translate, formatInstant: FormatInstant): types.MrkdwnElement[] {
  const { subject } = view;
  const details = subject.details;
  const fields = [
    field(t("staff:card.unit"), unitLabel(view.unit)),
    field(t("staff:card.owner"), reporterLabel(view, t)),
    field(t("staff:card.status"), t(`staff:fee.status.${subject.status}`)),
    field(t("staff:fee.fields.stage"), t(`staff:fee.stages.${details.stage}`)),
    field(t("staff:fee.fields.total"), formatFen(totalOutstandingFen(view.charges ?? []))),
    field(t("staff:fee.fields.reason"), details.overdueReason ? t(`staff:fee.reasons.${details.overdueReason}`) : t("staff:fee.fields.no_reason")),
  ];
  if (!subject.reporterUserId) fields.push(field(t("staff:fee.fields.contact"), t("staff:fee.fields.call_list")));
  if (details.promisedBy) fields.push(field(t("staff:fee.fields.promised_by"), details.promisedBy));
  if (details.lastReminderAt) fields.push(field(t("staff:fee.fields.last_reminder"), formatInstant(details.lastReminderAt)));
  if (details.letterNumber) {
    fields.push(field(t("staff:fee.fields.letter"), details.letterAt ? t("staff:fee.fields.letter_value", { number: details.letterNumber, at: formatInstant(details.letterAt) }) : details.letterNumber));
    fields.push(
      field(
        t("staff:fee.fields.tracking"),
        details.trackingNumber ? t("staff:fee.fields.tracking_value", { number: details.trackingNumber, at: details.sentAt ? formatInstant(details.sentAt) : "-" }) : t("staff:fee.fields.not_sent"),
      ),
    );
  }
  if (details.homeVisitDueAt) fields.push(field(t("staff:fee.fields.home_visit"), details.homeVisitAt ? t("staff:fee.fields.home_visit_done", { at: formatInstant(details.homeVisitAt) }) : t("staff:fee.fields.home_visit_due", { at: formatInstant(details.homeVisitDueAt) })));
  if (details.referredAt) fields.push(field(t("staff:fee.fields.referred"), formatInstant(details.referredAt)));
  return fields;
}

/** One line per charge still owed: period, fee type, amount, due date, and whether the owner promised or disputes it. */
function chargesBlock(view: FeeView, t: Translate): KnownBlock {
  const open = openCharges(view.charges ?? []);
  const lines = open.map(({ charge, outstandingFen }) => {
    const notes: string[] = [];
    if (charge.promisedBy) notes.push(t("staff:fee.charges.promised", { date: charge.promisedBy }));
    if (charge.disputeCaseId) notes.push(t("staff:fee.charges.disputed", { number: view.caseNumbers?.[charge.disputeCaseId] ?? "?" }));
    const line = t("staff:fee.charges.line", { period: charge.period, type: feeTypeName(charge.feeType, t), amount: formatFen(outstandingFen), due: charge.dueDate });
    return escapeMrkdwn([line, ...notes].join(" · "));
  });
  const body = lines.length > 0 ? lines : [escapeMrkdwn(t("staff:fee.charges.none"))];
  const title = `*${t("staff:fee.charges.title")}*`;
  const total = `*${escapeMrkdwn(t("staff:fee.charges.total", { total: formatFen(totalOutstandingFen(view.charges ?? [])) }))}*`;
  // Years of arrears fold into "… N more lines"; the total, what the front desk acts on, always shows.
  const room = blockKitLimits.sectionText - title.length - total.length - 2;
  return { type: "section", text: mrkdwn(`${title}\n${fitText(body.join("\n"), room, foldMarks(t))}\n${total}`) };
}

/** The payments received while the file stood, each with its receipt's number, latest last. */
function paymentsBlock(view: FeeView, t: Translate, formatInstant: FormatInstant): KnownBlock | null {
  const receipts = (view.receipts ?? []).slice(-shownAnswers);
  if (receipts.length === 0) return null;
  const lines = receipts.map((receipt) => escapeMrkdwn(t("staff:fee.payments.line", { number: receipt.number, amount: formatFen(receipt.amountFen), at: formatInstant(receipt.issuedAt) })));
  return { type: "section", text: mrkdwn(truncate(`*${t("staff:fee.payments.title")}*\n${lines.join("\n")}`, 3000)) };
}

/** The owner's answers with their times: what the household said to each reminder, kept as evidence. */
function answersBlock(view: FeeView, t: Translate, formatInstant: FormatInstant): KnownBlock | null {
  const answers = view.recentEvents.filter((event) => event.actor.type === "owner" && ownerAnswerTypes.has(event.type)).slice(-shownAnswers);
  if (answers.length === 0) return null;
  const lines = answers.map((event) => `${formatInstant(event.at)} · *${escapeMrkdwn(actorName(event.actor, view, t))}* ${escapeMrkdwn(eventDescription(event, feeEvents, t, formatInstant))}`);
  return { type: "section", text: mrkdwn(truncate(`*${t("staff:fee.answers")}*\n${lines.join("\n")}`, 3000)) };
}

/**
 * The household's fee card (催缴) in the front desk's channel: unit and owner, what is owed per
 * period and fee type with the total, promises and disputes, the owner's answers with their
 * times, the reason, the stage, the letter's and the express mail's numbers, then the shared
 * footer (history and the buttons the lifecycle allows now). Pure, so the sender redraws it in
 * place after every change.
 */
export function feeCard(view: FeeView, t: Translate, formatInstant: FormatInstant): SlackMessage {
  const { subject } = view;
  const stage = t(`staff:fee.stages.${subject.details.stage}`);
  const total = formatFen(totalOutstandingFen(view.charges ?? []));
  const blocks: KnownBlock[] = [
    { type: "header", text: plain(truncate(t("staff:fee.title", { number: subject.number, unit: unitLabel(view.unit) }), 150)) },
    ...fieldSections(cardFields(view, t, formatInstant)),
    chargesBlock(view, t),
  ];
  for (const block of [paymentsBlock(view, t, formatInstant), answersBlock(view, t, formatInstant)]) if (block) blocks.push(block);
  if (subject.cancelReason && subject.status === "cancelled") blocks.push(context(escapeMrkdwn(t("staff:card.cancel_reason", { reason: subject.cancelReason }))));
  // The answers have their section: the history lists the ladder's and the staff's steps.
  const steps = view.recentEvents.filter((event) => !(event.actor.type === "owner" && ownerAnswerTypes.has(event.type))).slice(-shownSteps);
  blocks.push(...caseCardFooter({ ...view, recentEvents: steps, actions: shownActions(view) }, { buttons: feeCardButtons, events: feeEvents }, t, formatInstant));
  const text = t("staff:fee.fallback", { number: subject.number, unit: unitLabel(view.unit), stage, total, status: t(`staff:fee.status.${subject.status}`) });
  return { text: escapeMrkdwn(text), blocks };
}
