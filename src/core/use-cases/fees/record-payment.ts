import { z } from "zod";
import { requireFrontDesk, requireStaff } from "../../case/machinery/staff-access.js";
import { FeeTypeSchema, PeriodSchema } from "../../domain/fees.js";
import { parseInput } from "../../domain/errors.js";
import type { WorkflowContext } from "../../ports/workflow-context.js";
import { ledgerOf, type PaymentOutcome, payCharge } from "./pay-charge.js";

export const RecordPaymentInputSchema = z.object({
  staffUserId: z.string().min(1),
  unitId: z.string().min(1),
  feeType: FeeTypeSchema,
  period: PeriodSchema,
  amountFen: z.number().int().positive("amount must be more than 0"),
  paidAt: z.date(),
});
export type RecordPaymentInput = z.infer<typeof RecordPaymentInputSchema>;

/**
 * A payment taken at the front desk (the Slack modal): the front desk or a manager records it
 * against one charge of the household, through {@link payCharge} like the finance file's.
 */
export async function recordPayment(ctx: WorkflowContext, input: RecordPaymentInput): Promise<PaymentOutcome> {
  const { staffUserId, unitId, feeType, period, amountFen, paidAt } = parseInput(RecordPaymentInputSchema, input);
  const outcome = await ctx.uow.transaction(async (store) => {
    const staff = await requireStaff(store, staffUserId);
    await requireFrontDesk(store, staff, `${feeType} ${period}`, "record_payment");
    return payCharge(store, { unitId, items: [{ feeType, period, amountFen }], paidAt, recordedBy: staffUserId }, { now: ctx.time.now(), timeZone: ctx.timeZone, ledger: ledgerOf(ctx.kinds) });
  });
  ctx.onOutboxWritten?.();
  return outcome;
}
