/**
 * Ids of the buttons only fee cases have. Cards already posted carry them, so they never
 * change; the `fee.` prefix keeps them apart from every other kind's.
 */
export const feeActionIds = {
  recordPayment: "fee.record_payment",
  markSent: "fee.mark_sent",
  homeVisitDone: "fee.home_visit_done",
  referToLegal: "fee.refer_to_legal",
} as const;

/** `callback_id`s of the fee case's own modals. */
export const feeViewIds = {
  payment: "fee.payment_modal",
  sent: "fee.sent_modal",
  homeVisit: "fee.home_visit_modal",
} as const;

/** Block and action ids of the fee modals' fields, prefixed so no other kind's modal reads them by accident. */
export const feeInputs = {
  feeType: "fee_type",
  period: "fee_period",
  amount: "fee_amount",
  paidOn: "fee_paid_on",
  tracking: "fee_tracking",
  note: "fee_note",
} as const;
