import { localDate } from "../../domain/deadline.js";
import { WorkflowError } from "../../domain/errors.js";
import { type FeeType, outstandingFen } from "../../domain/fees.js";
import type { Unit } from "../../domain/registry.js";
import type { WorkflowContext } from "../../ports/workflow-context.js";
import { ledgerOf } from "./pay-charge.js";

/** A charge with something left to pay. */
export interface OwnerCharge {
  chargeId: string;
  feeType: FeeType;
  period: string;
  amountFen: number;
  paidFen: number;
  outstandingFen: number;
  /** Local date `YYYY-MM-DD`. */
  dueDate: string;
  /** The due date has passed. */
  overdue: boolean;
  promisedBy: string | null;
  /** The owner disputes it (a complaint about it is on record). */
  disputed: boolean;
}

/** A payment as the owner's history shows it, with its receipt. */
export interface OwnerPayment {
  paidAt: Date;
  feeType: FeeType;
  period: string;
  amountFen: number;
  receiptNumber: string;
}

/** One household's fees: each unit of an owner of several is its own household (一户一档). */
export interface OwnerFeeUnit {
  unit: Unit;
  /** Unpaid charges by period then fee type, whether due yet or not. */
  charges: OwnerCharge[];
  /** What is outstanding of the charges due by today. */
  dueFen: number;
  /** What is outstanding in all. */
  outstandingFen: number;
  /** Newest first, at most {@link paymentHistoryLimit}. */
  payments: OwnerPayment[];
  /** The household's collection stage (`reminding` … `legal`) and its case number; null when none is under way. */
  stage: string | null;
  caseNumber: string | null;
}

/** How many payments /fees shows: two years of monthly fees. */
export const paymentHistoryLimit = 24;

/**
 * The owner's fees, per unit they are a registered owner of (`/fees`): never another unit's,
 * and never a tenant's or proxy's unit. An owner not verified is `not_verified`.
 */
export async function getOwnerFees(ctx: WorkflowContext, input: { ownerUserId: string }): Promise<OwnerFeeUnit[]> {
  const today = localDate(ctx.time.now(), ctx.timeZone);
  const ledger = ledgerOf(ctx.kinds);
  return ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(input.ownerUserId);
    if (!identity?.verified || !identity.phone) throw new WorkflowError("not_verified", `owner ${input.ownerUserId} is not verified`);
    const owned = (await store.residents.findByPhone(identity.phone)).filter((resident) => resident.role === "owner");
    const households: OwnerFeeUnit[] = [];
    for (const unitId of [...new Set(owned.map((resident) => resident.unitId))]) {
      const unit = await store.units.findById(unitId);
      if (!unit) continue;
      const stored = await store.charges.listByUnit(unitId);
      const charges: OwnerCharge[] = stored
        .filter((charge) => outstandingFen(charge) > 0)
        .map((charge) => ({
          chargeId: charge.id,
          feeType: charge.feeType,
          period: charge.period,
          amountFen: charge.amountFen,
          paidFen: charge.paidFen,
          outstandingFen: outstandingFen(charge),
          dueDate: charge.dueDate,
          overdue: charge.dueDate < today,
          promisedBy: charge.promisedBy,
          disputed: charge.disputeCaseId !== null,
        }));
      const byId = new Map(stored.map((charge) => [charge.id, charge]));
      const payments: OwnerPayment[] = [];
      for (const payment of (await store.payments.listByUnit(unitId)).slice(0, paymentHistoryLimit)) {
        const charge = byId.get(payment.chargeId);
        const receipt = await store.receipts.findById(payment.receiptId);
        if (charge && receipt) payments.push({ paidAt: payment.paidAt, feeType: charge.feeType, period: charge.period, amountFen: payment.amountFen, receiptNumber: receipt.number });
      }
      const feeCase = (await ledger?.openCase(store, unitId)) ?? null;
      households.push({
        unit,
        charges,
        dueFen: charges.filter((charge) => charge.dueDate <= today).reduce((sum, charge) => sum + charge.outstandingFen, 0),
        outstandingFen: charges.reduce((sum, charge) => sum + charge.outstandingFen, 0),
        payments,
        stage: feeCase?.stage ?? null,
        caseNumber: feeCase?.subject.number ?? null,
      });
    }
    return households.sort((a, b) => (a.unit.building + "\u0000" + a.unit.unit < b.unit.building + "\u0000" + b.unit.unit ? -1 : 1));
  });
}
