import type { CaseKind } from "../../../case/kind.js";
import { openCallback, type StaffCalendar } from "../../../case/machinery/callbacks.js";
import { recordEvent } from "../../../case/machinery/changes.js";
import { issueReceipt, noticeReceipt } from "../../../case/machinery/receipts.js";
import type { ChargeLine, Receipt } from "../../../domain/receipts.js";
import type { Store } from "../../../ports/store.js";
import { serviceCallbackWindows } from "../callback.js";
import type { ServiceCase } from "../details.js";
import { monthBounds, plannedVisitCount } from "./schedule.js";

/** The digest of a month's service orders per customer, for the front desk. */
export const serviceMonthDigest = "service.month";

/** Work order statuses that count as a visit done in the month's fee. */
export const visitDoneStatuses = ["done", "accepted"] as const;

/** A package month's fee: the monthly price for the share of the month's planned visits done. */
export function packageMonthFen(agreedFen: number, done: number, planned: number): number {
  if (planned <= 0) return 0;
  return Math.round((agreedFen * Math.min(done, planned)) / planned);
}

async function monthLine(store: Store, subject: ServiceCase, done: number, planned: number): Promise<ChargeLine> {
  const { priceCode, quoteLines, agreedFen } = subject.details;
  const quoted = quoteLines.find((line) => line.code === priceCode) ?? quoteLines[0];
  const item = quoted ? null : await store.prices.findByCode(priceCode);
  const share = Math.min(done, planned) / planned;
  return {
    code: quoted?.code ?? priceCode,
    nameZh: quoted?.nameZh ?? item?.nameZh ?? priceCode,
    nameEn: quoted?.nameEn ?? item?.nameEn ?? priceCode,
    quantity: Math.round(share * 100) / 100,
    unitPriceFen: agreedFen ?? 0,
    amountFen: packageMonthFen(agreedFen ?? 0, done, planned),
  };
}

/**
 * Closes one package's month: one receipt with the period of the month for the visits done in it
 * (the monthly fee pro rata of the visits the schedule planned), sent to the owner, and the
 * month's callback opened. Nothing when no visit was done, or when the month has its receipt
 * already (a second run). Returns the receipt issued, if any.
 */
export async function closePackageMonth(
  store: Store,
  kind: CaseKind,
  subject: ServiceCase,
  month: string,
  now: Date,
  calendar: StaffCalendar,
): Promise<Receipt | null> {
  const { packageSchedule, agreedFen } = subject.details;
  if (!subject.details.isPackage || !packageSchedule || agreedFen === null) return null;
  if ((await store.receipts.listByCase(subject.id)).some((receipt) => receipt.period === month)) return null;
  const orders = (await store.workOrders.listByCase(subject.id)).filter((order) => order.month === month);
  const done = orders.filter((order) => (visitDoneStatuses as readonly string[]).includes(order.status)).length;
  const planned = plannedVisitCount(packageSchedule, month, calendar.timeZone);
  if (done === 0 || planned === 0) return null;
  const line = await monthLine(store, subject, done, planned);
  const receipt = await issueReceipt(store, { caseId: subject.id, period: month, unitId: subject.unitId, payerId: subject.reporterId, lines: [line] }, now, calendar.timeZone);
  await noticeReceipt(store, subject, receipt, now);
  await recordEvent(store, subject, { type: "month_receipted", actor: { type: "system" }, at: now, data: { month, receipt: receipt.number, done, planned, amountFen: receipt.amountFen } });
  await openCallback(store, kind, subject, now, calendar, serviceCallbackWindows.month);
  return receipt;
}

/**
 * The packages whose month may have a fee: active ones, and those ended since the month began
 * (an ended package's last month is still paid for).
 */
export function mayOweMonth(subject: ServiceCase, month: string, timeZone: string): boolean {
  if (subject.status === "active") return true;
  const { endedAt } = subject.details;
  return subject.status === "ended" && endedAt !== null && endedAt >= monthBounds(month, timeZone).start;
}
