import { DateTime } from "luxon";
import type { TaskDefinition } from "../case/kind.js";
import { WorkflowError } from "../domain/errors.js";
import { type ReceiptNumberSpan, receiptPrefix } from "../domain/receipts.js";
import type { Store } from "../ports/store.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { queueDigestOnce } from "./queue-digest.js";

export const dailyReceiptsTask = "report.daily_receipts";
/** The digest the front desk's channel gets each evening (`staff.digest`, period `2026-12-01`). */
export const dailyReceiptsDigest = "receipts.day";

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

/** One receipt of the day as the record lists it. */
export interface DailyReceiptLine {
  number: string;
  amountFen: number;
  payerName: string;
  building: string;
  unit: string;
  issuedAt: Date;
}

/** The day's receipts (PROCEDURES.md §3: the daily record of receipts) and the check of the year's sequence. */
export interface DailyReceipts {
  /** The local date, `YYYY-MM-DD`. */
  day: string;
  receipts: DailyReceiptLine[];
  totalFen: number;
  /** The year's numbers issued up to the end of the day; `missingCount` 0 means the sequence has no gap. */
  sequence: ReceiptNumberSpan;
}

/** The local day [start, end) in the property's zone. */
export function dayBounds(day: string, timeZone: string): { start: Date; end: Date } {
  const start = dayPattern.test(day) ? DateTime.fromISO(day, { zone: timeZone }) : null;
  if (!start?.isValid) throw new WorkflowError("invalid_input", `day ${day} is not YYYY-MM-DD`);
  return { start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/** The next 18:00 in the property's zone after `after`: the front desk's day is closed. */
export function nextDailyReceiptsRun(after: Date, timeZone: string): Date {
  const local = DateTime.fromJSDate(after, { zone: timeZone });
  let next = local.set({ hour: 18, minute: 0, second: 0, millisecond: 0 });
  if (next <= local) next = next.plus({ days: 1 });
  return next.toJSDate();
}

/** The receipts issued on a local day, by number, with their payers and units, the total, and the year's sequence so far. */
export async function dailyReceipts(store: Store, day: string, timeZone: string): Promise<DailyReceipts> {
  const { start, end } = dayBounds(day, timeZone);
  const issued = await store.receipts.listIssuedBetween(start, end);
  const receipts: DailyReceiptLine[] = [];
  for (const receipt of issued) {
    const payer = await store.residents.findById(receipt.payerId);
    const unit = await store.units.findById(receipt.unitId);
    receipts.push({
      number: receipt.number,
      amountFen: receipt.amountFen,
      payerName: payer?.name ?? "",
      building: unit?.building ?? "",
      unit: unit?.unit ?? "",
      issuedAt: receipt.issuedAt,
    });
  }
  const sequence = await store.receipts.numberSpan(`${receiptPrefix}-${day.slice(0, 4)}-`, end);
  return { day, receipts, totalFen: receipts.reduce((sum, line) => sum + line.amountFen, 0), sequence };
}

/** {@link dailyReceipts} in one transaction, for the digest, the CLI and the playground. */
export function getDailyReceipts(ctx: WorkflowContext, day: string): Promise<DailyReceipts> {
  return ctx.uow.transaction((store) => dailyReceipts(store, day, ctx.timeZone));
}

/** The evening record: at 18:00 local one digest per day (a second run of the same day sends nothing). */
export const dailyReceiptsTasks: Record<string, TaskDefinition> = {
  [dailyReceiptsTask]: {
    source: "PROCEDURES.md §3: every payment gets a numbered receipt; receipt numbers, amounts and dates are recorded daily",
    next: nextDailyReceiptsRun,
    async run({ store, job, now, timeZone }) {
      const day = DateTime.fromJSDate(job.runAt, { zone: timeZone }).toISODate()!;
      if (!(await queueDigestOnce(store, { team: "frontdesk", digest: dailyReceiptsDigest, period: day, now }))) return { skipped: `the receipts of ${day} were sent` };
      return { outcome: "digest_queued", detail: `receipts of ${day}` };
    },
  },
};
