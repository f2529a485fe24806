import type { LedgerHooks } from "../../case/kind.js";
import type { CaseKindRegistry } from "../../case/registry.js";
import { enqueueOwnerNotice } from "../../case/machinery/changes.js";
import { chargeLinesText, issueReceipt } from "../../case/machinery/receipts.js";
import { WorkflowError } from "../../domain/errors.js";
import { type Charge, type FeeType, feeLineCode, outstandingFen, type Payment } from "../../domain/fees.js";
import { feeTypeNames, ownerIdentityOf, registeredOwner } from "../../kinds/fee/household.js";
import { formatFen } from "../../domain/money.js";
import type { ChargeLine, Receipt } from "../../domain/receipts.js";
import type { OwnerIdentity, Resident } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";

/** A fee's receipt line name with its period: "物业费 2026-11" / "Property fee 2026-11". */
export function feeLineName(feeType: FeeType, period: string): { nameZh: string; nameEn: string } {
  return { nameZh: `${feeTypeNames[feeType].zh} ${period}`, nameEn: `${feeTypeNames[feeType].en} ${period}` };
}

/** Who a household's fees are owed by: its registered owner, and their verified identity on the bot if any. */
export interface Household {
  owner: Resident;
  /** Null: the owner is not on the bot and is reached by phone (the call list). */
  identity: OwnerIdentity | null;
}

/**
 * The unit's registered owner (the first by name among its residents with role owner) and a
 * verified identity of theirs, or null when the unit has no owner on record.
 */
export async function householdOf(store: Store, unitId: string): Promise<Household | null> {
  const owner = await registeredOwner(store, unitId);
  if (!owner) return null;
  const ownerUserId = await ownerIdentityOf(store, owner);
  return { owner, identity: ownerUserId ? await store.identities.find(ownerUserId) : null };
}

/** The ledger hooks of the deployment's kind that collects fees, if it has one. */
export function ledgerOf(kinds: CaseKindRegistry): LedgerHooks | undefined {
  return kinds.list().find((kind) => kind.ledger)?.ledger;
}

/** One charge paid: its fee type and period, and how much of it. */
export interface PaidItem {
  feeType: FeeType;
  period: string;
  amountFen: number;
}

export interface PayChargeInput {
  unitId: string;
  /** One receipt lists them all, a line per charge; each charge at most once. */
  items: readonly PaidItem[];
  paidAt: Date;
  /** `import`, or the staff user who recorded it. */
  recordedBy: string;
  /** A number the payment's paper receipt already has; absent or null: the next `RC-` number. */
  receiptNumber?: string | null;
}

export interface PayChargeOptions {
  now: Date;
  timeZone: string;
  /** The fee kind's part ({@link ledgerOf}); absent: the payment is receipted against no case. */
  ledger?: LedgerHooks | undefined;
}

export interface PaymentOutcome {
  receipt: Receipt;
  payments: Payment[];
  charges: Charge[];
  caseId: string | null;
}

/** `RC-YYYY-NNNNNN`: the series this system numbers; a number of it is never taken from outside. */
export const issuedReceiptNumber = /^RC-\d{4}-\d{6}$/;

const describe = (item: Pick<PaidItem, "feeType" | "period">) => `${item.feeType} ${item.period}`;

/**
 * Records a payment against the household's charges, in the caller's transaction: refuses a
 * payment of no charge, of more than is outstanding or dated later than now, and a receipt number
 * already used; then adds it to each charge, issues one receipt (a line per charge, of the
 * household's open fee case when there is one), sends it to the owner when they are on the bot,
 * and lets the fee kind follow up (settle the case when nothing due is outstanding).
 */
export async function payCharge(store: Store, input: PayChargeInput, options: PayChargeOptions): Promise<PaymentOutcome> {
  const { now, timeZone } = options;
  if (input.items.length === 0) throw new WorkflowError("invalid_input", "a payment pays at least one charge", { reason: "no charge paid" });
  if (input.paidAt.getTime() > now.getTime()) throw new WorkflowError("payment_in_future", `paid at ${input.paidAt.toISOString()} is later than now`, { paidAt: input.paidAt.toISOString() });
  const charges: Charge[] = [];
  for (const item of input.items) {
    if (!Number.isSafeInteger(item.amountFen) || item.amountFen <= 0) throw new WorkflowError("invalid_input", `amount ${item.amountFen} is not a positive number of fen`, { reason: "amount must be more than 0" });
    const charge = await store.charges.findByKey(input.unitId, item.feeType, item.period);
    if (!charge) throw new WorkflowError("charge_not_found", `unit ${input.unitId} has no charge ${describe(item)}`, { charge: describe(item) });
    if (charges.some((other) => other.id === charge.id)) throw new WorkflowError("invalid_input", `charge ${describe(item)} is paid twice in one payment`, { reason: `${describe(item)} is listed twice` });
    const outstanding = outstandingFen(charge);
    if (item.amountFen > outstanding) {
      throw new WorkflowError("payment_over_outstanding", `${formatFen(item.amountFen)} is more than the ${formatFen(outstanding)} outstanding of ${describe(item)}`, {
        charge: describe(item),
        amount: formatFen(item.amountFen),
        outstanding: formatFen(outstanding),
      });
    }
    charges.push(charge);
  }
  const receiptNumber = input.receiptNumber?.trim() || undefined;
  if (receiptNumber !== undefined) {
    if (await store.receipts.findByNumber(receiptNumber)) throw new WorkflowError("receipt_number_used", `receipt number ${receiptNumber} is already used`, { receipt: receiptNumber });
    // Every number of the series up to the counter is issued (and found above); a later one would be issued again.
    if (issuedReceiptNumber.test(receiptNumber)) throw new WorkflowError("receipt_number_used", `receipt number ${receiptNumber} is of the series issued here`, { receipt: receiptNumber });
  }
  const household = await householdOf(store, input.unitId);
  if (!household) throw new WorkflowError("unit_not_found", `unit ${input.unitId} has no registered owner to receipt the payment to`, { unitId: input.unitId });
  const feeCase = (await options.ledger?.openCase(store, input.unitId))?.subject ?? null;

  const lines: ChargeLine[] = input.items.map((item) => ({ code: feeLineCode(item.feeType), ...feeLineName(item.feeType, item.period), quantity: 1, unitPriceFen: item.amountFen, amountFen: item.amountFen }));
  const receipt = await issueReceipt(store, { caseId: feeCase?.id ?? null, unitId: input.unitId, payerId: household.owner.id, lines, ...(receiptNumber ? { number: receiptNumber } : {}) }, now, timeZone);
  const paid: Charge[] = [];
  const payments: Payment[] = [];
  for (const [index, charge] of charges.entries()) {
    const amountFen = (input.items[index] as PaidItem).amountFen;
    const payment: Payment = { id: newId(), chargeId: charge.id, unitId: input.unitId, amountFen, paidAt: input.paidAt, receiptId: receipt.id, recordedBy: input.recordedBy, createdAt: now };
    await store.payments.create(payment);
    const updated: Charge = { ...charge, paidFen: charge.paidFen + amountFen, updatedAt: now };
    await store.charges.save(updated);
    paid.push(updated);
    payments.push(payment);
  }
  const identity = feeCase?.reporterUserId ? await store.identities.find(feeCase.reporterUserId) : household.identity;
  if (identity) {
    await enqueueOwnerNotice(store, identity, now, "receipt.fee", {
      receipt: receipt.number,
      total: formatFen(receipt.amountFen),
      lines: chargeLinesText(receipt.lines, identity.locale),
      issuedAt: { instant: receipt.issuedAt.toISOString() },
    });
  }
  await options.ledger?.afterPayment({ store, unitId: input.unitId, caseId: feeCase?.id ?? null, charges: paid, payments, receipt, now, timeZone });
  return { receipt, payments, charges: paid, caseId: feeCase?.id ?? null };
}
