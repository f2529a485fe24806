import type { LedgerHooks } from "../../case/kind.js";
import { householdFeeCase } from "./household.js";
import { recordPaymentEvent } from "./settle.js";
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
    await settleIfPaid(store, unitId, now, timeZone);
  },
};
