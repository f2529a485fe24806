import { type Charge, outstandingFen } from "../../../../core/domain/fees.js";
import type { CaseView } from "../../../../core/use-cases/get-case-view.js";

/** The ladder's stages of a household in arrears (PROCEDURES.md §3). */
export const feeStages = ["reminding", "overdue", "demand_letter", "home_visit", "legal"] as const;
export type FeeStage = (typeof feeStages)[number];

/** What the owner gave as the reason for paying late. */
export const overdueReasons = ["forgot", "financial_difficulty", "disagree", "not_living", "other"] as const;
export type OverdueReason = (typeof overdueReasons)[number];

/**
 * The fee case's details as the card reads them (the kind's `FeeDetails`): where the household
 * stands on the ladder, what the owner said and when the letter went out.
 */
export interface FeeCardDetails {
  stage: FeeStage;
  firstOverdueReminderAt: Date | null;
  lastReminderAt: Date | null;
  lastReminderKind: string | null;
  remindedChargeIds: string[];
  overdueReason: OverdueReason | null;
  promisedBy: string | null;
  letterNumber: string | null;
  letterAt: Date | null;
  trackingNumber: string | null;
  sentAt: Date | null;
  homeVisitDueAt: Date | null;
  homeVisitAt: Date | null;
  homeVisitNote: string | null;
  referredAt: Date | null;
}

/** What a fee case's card is drawn from: the case, and its household's charges (`charges: true`). */
export type FeeView = CaseView<FeeCardDetails>;

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
