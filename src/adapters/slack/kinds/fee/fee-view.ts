import { type Charge, outstandingFen } from "../../../../core/domain/fees.js";
import type { FeeDetails } from "../../../../core/kinds/fee/details.js";
import type { CaseView } from "../../../../core/use-cases/get-case-view.js";

/** What a fee case's card is drawn from: the case, and its household's charges (`charges: true`). */
export type FeeView = CaseView<FeeDetails>;

/** The household's charges with something still outstanding, by period then fee type, each with what is left to pay. */
export function openCharges(charges: readonly Charge[]): { charge: Charge; outstandingFen: number }[] {
  return charges.flatMap((charge) => {
    const left = outstandingFen(charge);
    return left > 0 ? [{ charge, outstandingFen: left }] : [];
  });
}

/** The sum still outstanding over `charges`. */
export function totalOutstandingFen(charges: readonly Charge[]): number {
  return openCharges(charges).reduce((sum, open) => sum + open.outstandingFen, 0);
}
