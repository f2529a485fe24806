import type { types } from "@slack/bolt";
import { type Charge, feeTypes } from "../../../../core/domain/fees.js";
import { formatFen } from "../../../../core/domain/money.js";
import type { FeeCase } from "../../../../core/kinds/fee/details.js";
import { context, escapeMrkdwn, plain, type Translate, truncate } from "../../blocks/format.js";
import { modalView, subjectSection } from "../../blocks/modals.js";
import type { ModalMetadata } from "../../interaction-values.js";
import { feeSummary, feeTypeName } from "./card.js";
import { openCharges } from "./fee-view.js";
import { feeInputs, feeViewIds } from "./interaction.js";

type Subject = Pick<FeeCase, "number" | "details">;

const option = (text: string, value: string): types.PlainTextOption => ({ text: plain(truncate(text, 75)), value });

function subjectOf(subject: Subject): types.KnownBlock {
  return subjectSection({ number: subject.number, summary: feeSummary(subject) });
}

/**
 * Record payment (登记缴费): the fee type and period paid, the amount in yuan as on the bank
 * slip, the day it was paid. Prefilled with the oldest charge still owed and what is left of it,
 * so the usual full payment is one click; the household's open charges are listed above.
 */
export function paymentModal(input: { subject: Subject; charges: readonly Charge[]; today: string; metadata: ModalMetadata }, t: Translate): types.ModalView {
  const copy = "staff:fee.modals.payment";
  const open = openCharges(input.charges);
  const first = open[0];
  const typeOptions = feeTypes.map((feeType) => option(feeTypeName(feeType, t), feeType));
  const initialType = first ? typeOptions.find((shown) => shown.value === first.charge.feeType) : undefined;
  const lines = open.map(({ charge, outstandingFen }) => `${charge.period} ${feeTypeName(charge.feeType, t)} ${formatFen(outstandingFen)}`).join(" · ");
  const blocks: types.KnownBlock[] = [subjectOf(input.subject)];
  if (lines) blocks.push(context(escapeMrkdwn(t(`${copy}.outstanding`, { lines }))));
  blocks.push(
    {
      type: "input",
      block_id: feeInputs.feeType,
      label: plain(t(`${copy}.fee_type`)),
      element: { type: "static_select", action_id: feeInputs.feeType, options: typeOptions, ...(initialType ? { initial_option: initialType } : {}) },
    },
    {
      type: "input",
      block_id: feeInputs.period,
      label: plain(t(`${copy}.period`)),
      element: { type: "plain_text_input", action_id: feeInputs.period, max_length: 7, ...(first ? { initial_value: first.charge.period } : {}) },
    },
    {
      type: "input",
      block_id: feeInputs.amount,
      label: plain(t(`${copy}.amount`)),
      element: { type: "plain_text_input", action_id: feeInputs.amount, max_length: 12, ...(first ? { initial_value: (first.outstandingFen / 100).toFixed(2) } : {}) },
      hint: plain(t(`${copy}.amount_hint`)),
    },
    { type: "input", block_id: feeInputs.paidOn, label: plain(t(`${copy}.paid_on`)), element: { type: "datepicker", action_id: feeInputs.paidOn, initial_date: input.today } },
  );
  return modalView(feeViewIds.payment, t(`${copy}.title`), input.metadata, blocks, t);
}

/** Sent by express mail: the tracking number, shown on the card from then on. */
export function sentModal(input: { subject: Subject; metadata: ModalMetadata }, t: Translate): types.ModalView {
  const copy = "staff:fee.modals.sent";
  return modalView(feeViewIds.sent, t(`${copy}.title`), input.metadata, [
    subjectOf(input.subject),
    context(escapeMrkdwn(t(`${copy}.intro`, { letter: input.subject.details.letterNumber ?? "-" }))),
    { type: "input", block_id: feeInputs.tracking, label: plain(t(`${copy}.tracking`)), element: { type: "plain_text_input", action_id: feeInputs.tracking, max_length: 40 } },
  ], t);
}

/** Home visit done: a note of who was met and what they said. */
export function homeVisitModal(input: { subject: Subject; metadata: ModalMetadata }, t: Translate): types.ModalView {
  const copy = "staff:fee.modals.home_visit";
  return modalView(feeViewIds.homeVisit, t(`${copy}.title`), input.metadata, [
    subjectOf(input.subject),
    {
      type: "input",
      block_id: feeInputs.note,
      label: plain(t(`${copy}.note`)),
      element: { type: "plain_text_input", action_id: feeInputs.note, multiline: true, max_length: 2000 },
      hint: plain(t(`${copy}.hint`)),
    },
  ], t);
}
