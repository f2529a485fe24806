import { localDate } from "../../../../core/domain/deadline.js";
import { outstandingFen } from "../../../../core/domain/fees.js";
import type { FeeDetails } from "../../../../core/kinds/fee/details.js";
import { companyNameOf } from "../../../../core/ports/workflow-context.js";
import { unitLabel } from "../../blocks/format.js";
import { uploadToThread } from "../../slack-file-upload.js";
import type { CardThreadInput } from "../slack-kind.js";
import { type DemandLetter, demandLetterFilename, renderDemandLetter } from "./letter-pdf.js";

/** Where the sender remembers a letter was posted, so a redrawn card does not post it again. */
const postedKey = (caseId: string, letterNumber: string) => `fee-letter:${caseId}:${letterNumber}`;

/**
 * Once the card shows a demand letter's number, the letter itself goes into the card's thread
 * as a PDF for the front desk to print and post: the household's charges that were due by the
 * letter's date and are still outstanding, as the ledger has them at delivery. Posted once per
 * letter number.
 */
export async function postDemandLetter(input: CardThreadInput<FeeDetails>): Promise<void> {
  const { workflow, subject, card, t } = input;
  const { letterNumber, letterAt } = subject.details;
  if (!letterNumber || !letterAt) return;
  const date = localDate(letterAt, workflow.timeZone);
  const found = await workflow.uow.transaction(async (store) => {
    if (await store.messageRefs.get(postedKey(subject.id, letterNumber))) return null;
    return { unit: await store.units.findById(subject.unitId), owner: await store.residents.findById(subject.reporterId), charges: await store.charges.listByUnit(subject.unitId) };
  });
  if (!found) return;
  const letter: DemandLetter = {
    companyName: companyNameOf(workflow),
    letterNumber,
    date,
    building: found.unit?.building ?? "?",
    unit: found.unit?.unit ?? "?",
    ownerName: found.owner?.name ?? "",
    lines: found.charges
      .filter((charge) => charge.dueDate < date && outstandingFen(charge) > 0)
      .map((charge) => ({ feeType: charge.feeType, period: charge.period, amountFen: outstandingFen(charge), dueDate: charge.dueDate })),
  };
  const bytes = await renderDemandLetter(letter);
  await uploadToThread(input.client, card, [{ filename: demandLetterFilename(letter), bytes, title: t("staff:fee.letter.comment", { number: letterNumber, unit: unitLabel(found.unit) }) }]);
  await workflow.uow.transaction((store) => store.messageRefs.set(postedKey(subject.id, letterNumber), card));
}
