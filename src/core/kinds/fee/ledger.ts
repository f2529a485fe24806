import type { LedgerHooks } from "../../case/kind.js";
import { refreshCard } from "../../case/machinery/changes.js";
import { householdFeeCase } from "./household.js";
import { recordPaymentEvent } from "./settle.js";
import { feeKind } from "./kind.js";
import { settleIfPaid } from "./use-cases/settle-if-paid.js";

/**
 * The fee kind's part in the ledger's payments: a payment's receipt is of the household's
 * standing file, and a payment that leaves nothing due settles the file at once (its ladder stops).
 */
export const feeLedger: LedgerHooks = {
  async openCase(store, unitId) {
    const subject = await householdFeeCase(store, unitId);
    return subject ? { subject, stage: subject.details.stage } : null;
  },
  async afterPayment({ store, unitId, caseId, receipt, payments, now, timeZone }) {
    // The payment is evidence on the file it is receipted to.
    const subject = caseId ? await householdFeeCase(store, unitId) : null;
    if (subject) await recordPaymentEvent(store, subject, now, { receipt: receipt.number, totalFen: receipt.amountFen, chargeIds: payments.map((payment) => payment.chargeId) });
    const settled = await settleIfPaid(store, unitId, now, timeZone);
    // A part payment leaves the file open: its card must still show what is left to pay.
    if (!settled && subject) await refreshCard(store, feeKind, subject, now);
  },
};
