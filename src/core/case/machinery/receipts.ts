import type { CaseHeader } from "../case.js";
import { localDate } from "../../domain/deadline.js";
import { formatFen } from "../../domain/money.js";
import { type ChargeLine, type Receipt, receiptPrefix, totalFen } from "../../domain/receipts.js";
import type { Locale } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";
import { formatCaseNumber, sequenceName } from "../numbering.js";
import { enqueueOwnerNotice } from "./changes.js";

export interface NewReceipt {
  caseId: string | null;
  workOrderId?: string | null;
  period?: string | null;
  unitId: string;
  payerId: string;
  lines: readonly ChargeLine[];
  /**
   * The number a receipt already has, written by hand on a paper receipt book (an imported
   * payment): then no number is drawn and the year's sequence stays as it was.
   */
  number?: string;
}

/**
 * Records a fee against the next receipt number of the local year, `RC-YYYY-NNNNNN`, in the
 * caller's transaction. The number comes from the same counter row as the case numbers: the row
 * is locked until the transaction ends, so concurrent fees are numbered one after another, and a
 * rolled-back fee takes its number back with it (no gap, no duplicate).
 */
export async function issueReceipt(store: Store, input: NewReceipt, now: Date, timeZone: string): Promise<Receipt> {
  const year = Number(localDate(now, timeZone).slice(0, 4));
  const number = input.number ?? formatCaseNumber(receiptPrefix, year, await store.cases.nextSequence(sequenceName(receiptPrefix, year)));
  const receipt: Receipt = {
    id: newId(),
    number,
    caseId: input.caseId,
    workOrderId: input.workOrderId ?? null,
    period: input.period ?? null,
    unitId: input.unitId,
    payerId: input.payerId,
    lines: [...input.lines],
    amountFen: totalFen(input.lines),
    issuedAt: now,
  };
  await store.receipts.create(receipt);
  return receipt;
}

/**
 * Charge lines as an owner reads them, one a line in their language: name × quantity: amount.
 * The receipt and every message that shows items before it (a paid repair's "Fixed?") read alike.
 */
export function chargeLinesText(lines: readonly ChargeLine[], locale: Locale): string {
  return lines.map((line) => `${locale === "zh-CN" ? line.nameZh : line.nameEn} × ${line.quantity}: ${formatFen(line.amountFen)}`).join("\n");
}

/**
 * Sends the receipt to the paying owner in their language: the case number, the receipt number,
 * each line (name, quantity, amount) and the total. Nothing is sent to an owner not on the bot.
 */
export async function noticeReceipt(store: Store, subject: CaseHeader, receipt: Receipt, at: Date): Promise<void> {
  if (!subject.reporterUserId) return;
  const identity = await store.identities.find(subject.reporterUserId);
  if (!identity) return;
  const lines = chargeLinesText(receipt.lines, identity.locale);
  const params = { number: subject.number, receipt: receipt.number, total: formatFen(receipt.amountFen), lines, issuedAt: { instant: receipt.issuedAt.toISOString() } };
  await enqueueOwnerNotice(store, identity, at, receipt.period ? "receipt.package_month" : "receipt.issued", receipt.period ? { ...params, month: receipt.period } : params);
}
