import { z } from "zod";
import type { Case } from "../../case/case.js";

/**
 * Where a household stands on the dunning ladder (催缴, PROCEDURES.md §3): reminded before and on
 * the due date, overdue, sent the formal demand letter, visited at home, referred to the legal channel.
 */
export const feeStages = ["reminding", "overdue", "demand_letter", "home_visit", "legal"] as const;
export const FeeStageSchema = z.enum(feeStages);
export type FeeStage = z.infer<typeof FeeStageSchema>;

/** The rungs a reminder is sent on (the ladder's automatic steps). */
export const reminderRungs = ["before_due", "due", "overdue"] as const;
export const ReminderRungSchema = z.enum(reminderRungs);
export type ReminderRung = z.infer<typeof ReminderRungSchema>;

/** Why an overdue owner has not paid, as they answer it (PROCEDURES.md §3: reasons are recorded). */
export const overdueReasons = ["forgot", "financial_difficulty", "disagree", "not_living", "other"] as const;
export const OverdueReasonSchema = z.enum(overdueReasons);
export type OverdueReason = z.infer<typeof OverdueReasonSchema>;

export const feeStatuses = ["open", "settled", "referred", "cancelled"] as const;
export type FeeStatus = (typeof feeStatuses)[number];

const LocalDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The household's arrears file (一户一档): its stage and every step's instant; stored in `fee_details`, a column each. */
export const FeeDetailsSchema = z.object({
  stage: FeeStageSchema,
  /** When the first overdue reminder was queued (the ladder's three months count from it). */
  firstOverdueReminderAt: z.date().nullable(),
  lastReminderAt: z.date().nullable(),
  /** The rung of the latest reminder, or `call_list` when the household has no identity and is called instead. */
  lastReminderKind: z.string().nullable(),
  /** The charges the latest reminder listed: the owner's answers apply to them. */
  remindedChargeIds: z.array(z.string()),
  overdueReason: OverdueReasonSchema.nullable(),
  /** The latest promise, a local date. */
  promisedBy: LocalDateSchema.nullable(),
  /** The formal demand letter's number, `DL-YYYY-NNNNNN`. */
  letterNumber: z.string().nullable(),
  letterAt: z.date().nullable(),
  /** The express mail's tracking number, once sent. */
  trackingNumber: z.string().nullable(),
  sentAt: z.date().nullable(),
  homeVisitDueAt: z.date().nullable(),
  homeVisitAt: z.date().nullable(),
  homeVisitNote: z.string().nullable(),
  referredAt: z.date().nullable(),
});
export type FeeDetails = z.infer<typeof FeeDetailsSchema>;

/** A household's arrears case (催缴档案): the case header with the ladder's details. */
export type FeeCase = Case<FeeDetails>;

/** The details of a household's file when it is opened. */
export function newFeeDetails(): FeeDetails {
  return {
    stage: "reminding",
    firstOverdueReminderAt: null,
    lastReminderAt: null,
    lastReminderKind: null,
    remindedChargeIds: [],
    overdueReason: null,
    promisedBy: null,
    letterNumber: null,
    letterAt: null,
    trackingNumber: null,
    sentAt: null,
    homeVisitDueAt: null,
    homeVisitAt: null,
    homeVisitNote: null,
    referredAt: null,
  };
}
