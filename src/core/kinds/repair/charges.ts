import { z } from "zod";
import { enqueueOwnerNotice, recordEvent } from "../../case/machinery/changes.js";
import { chargeLinesText, issueReceipt, noticeReceipt } from "../../case/machinery/receipts.js";
import type { Actor } from "../../case/case.js";
import { WorkflowError } from "../../domain/errors.js";
import { formatFen } from "../../domain/money.js";
import type { OwnerButton } from "../../domain/outbox.js";
import { type ChargeLine, lineAmountFen, type Receipt, totalFen } from "../../domain/receipts.js";
import type { Store } from "../../ports/store.js";
import type { RepairCase } from "./details.js";

/** Paid repairs are charged from 《工程维修部有偿服务标准》, the maintenance team's price standard (PROCEDURES.md §4). */
export const repairPriceTeam = "maintenance" as const;

/** Quantities carry at most two decimals, as every charge line does (`lineAmountFen`). */
const hundredths = (quantity: number): boolean => Math.abs(quantity * 100 - Math.round(quantity * 100)) < 1e-9;

/** One item the technician records at completion: a code of the maintenance standard and how many. */
export const ChargeLineRequestSchema = z.object({
  code: z.string().trim().min(1, "an item code is required"),
  quantity: z.number().positive("a quantity must be more than 0").max(9_999, "a quantity is at most 9999").refine(hundredths, "a quantity has at most two decimals"),
});
export type ChargeLineRequest = z.infer<typeof ChargeLineRequestSchema>;

/** The fee already recorded for this repair, if any: a repair is charged once, whatever rework follows. */
export async function receiptOfRepair(store: Store, ticket: Pick<RepairCase, "id">): Promise<Receipt | null> {
  return (await store.receipts.listByCase(ticket.id))[0] ?? null;
}

/**
 * The items a completion records, priced from the maintenance standard as it is now. A paid
 * repair not yet charged needs at least one; a warranty repair, or a paid one whose fee was
 * already received (its rework is not charged again), takes none and keeps what it has. Unknown
 * codes and other teams' items are refused by code, each code at most once.
 */
export async function priceRepairLines(store: Store, ticket: RepairCase, requested: readonly ChargeLineRequest[]): Promise<ChargeLine[]> {
  const number = ticket.number;
  const charged = ticket.details.billing === "paid" && (await receiptOfRepair(store, ticket)) === null;
  if (!charged) {
    if (requested.length > 0) throw new WorkflowError("charge_lines_not_allowed", `${number} is not charged; ${requested.length} lines refused`, { number });
    // A receipted repair keeps the items it was charged for; a warranty one has none.
    return ticket.details.billing === "paid" ? ticket.details.chargeLines : [];
  }
  if (requested.length === 0) throw new WorkflowError("charge_lines_required", `${number} is a paid repair without lines`, { number });
  const seen = new Set<string>();
  const lines: ChargeLine[] = [];
  for (const raw of requested) {
    const line = ChargeLineRequestSchema.safeParse(raw);
    if (!line.success) {
      const reason = line.error.issues[0]?.message ?? "invalid";
      throw new WorkflowError("invalid_input", `${number}: ${reason}`, { reason });
    }
    const { code, quantity } = line.data;
    if (seen.has(code)) throw new WorkflowError("invalid_input", `${number}: ${code} listed twice`, { reason: `${code} is listed twice` });
    seen.add(code);
    const item = await store.prices.findByCode(code);
    if (!item || item.team !== repairPriceTeam) throw new WorkflowError("price_item_unknown", `${code} is not a ${repairPriceTeam} item`, { code, number });
    lines.push({ code, nameZh: item.nameZh, nameEn: item.nameEn, quantity, unitPriceFen: item.priceFen, amountFen: lineAmountFen(quantity, item.priceFen) });
  }
  return lines;
}

/**
 * Tells the owner about their repair with its items and total in their language (the paid
 * repair's "Fixed?"), under `key` of the owner namespace.
 */
export async function noticeOwnerOfCharges(store: Store, ticket: RepairCase, at: Date, key: string, buttons: OwnerButton[]): Promise<void> {
  if (!ticket.reporterUserId) return;
  const identity = await store.identities.find(ticket.reporterUserId);
  if (!identity) return;
  const lines = ticket.details.chargeLines;
  await enqueueOwnerNotice(store, identity, at, key, { number: ticket.number, lines: chargeLinesText(lines, identity.locale), total: formatFen(totalFen(lines)) }, buttons);
}

/**
 * The owner accepted a paid repair (Yes to "Fixed?", or satisfied at the callback when they
 * never answered): the fee for its items is recorded against the next receipt number and the
 * receipt sent to the owner. Once per repair: a later acceptance issues nothing. Null when
 * nothing is owed (a warranty repair, a paid one without items, one already receipted).
 */
export async function chargeAcceptedRepair(store: Store, ticket: RepairCase, actor: Actor, at: Date, timeZone: string): Promise<Receipt | null> {
  const { billing, chargeLines } = ticket.details;
  if (billing !== "paid" || chargeLines.length === 0 || (await receiptOfRepair(store, ticket)) !== null) return null;
  const receipt = await issueReceipt(store, { caseId: ticket.id, unitId: ticket.unitId, payerId: ticket.reporterId, lines: chargeLines }, at, timeZone);
  await recordEvent(store, ticket, { type: "receipt_issued", actor, at, data: { receipt: receipt.number, amountFen: receipt.amountFen } });
  await noticeReceipt(store, ticket, receipt, at);
  return receipt;
}
