import { formatFen } from "../../../../core/domain/money.js";
import type { PriceItem } from "../../../../core/domain/prices.js";
import type { ChargeLine } from "../../../../core/domain/receipts.js";
import type { PackageSchedule, ServiceDetails } from "../../../../core/kinds/service/details.js";
import type { CaseView } from "../../../../core/use-cases/get-case-view.js";
import type { Translate } from "../../blocks/format.js";

/** What a service order's card and prompts are drawn from. */
export type ServiceView = CaseView<ServiceDetails>;

/** A standard's item (or a quote line) in the staff's language: the locale picks `nameZh` or `nameEn`. */
export function itemName(item: Pick<PriceItem | ChargeLine, "nameZh" | "nameEn">, t: Translate): string {
  return t("staff:service.item_name", { zh: item.nameZh, en: item.nameEn });
}

/** The item booked, by name when the view read it from the standard, else from the quote, else its code. */
export function bookedItemName(view: Pick<ServiceView, "subject" | "priceItems">, t: Translate): string {
  const { priceCode, quoteLines } = view.subject.details;
  const item = view.priceItems?.[priceCode] ?? quoteLines.find((line) => line.code === priceCode);
  return item ? itemName(item, t) : priceCode;
}

/** `A, B and C` in the staff's language. */
function joinList(parts: readonly string[], t: Translate): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(t("staff:service.schedule.separator"))}${t("staff:service.schedule.and")}${parts.at(-1) ?? ""}`;
}

/** A package's visits as people say them: "every Tuesday 09:00", "1st and 3rd Saturday 10:00". */
export function scheduleLabel(schedule: PackageSchedule, t: Translate): string {
  const days = joinList([...schedule.weekdays].sort((a, b) => a - b).map((day) => t(`staff:service.weekdays.${day}`)), t);
  if (!schedule.weeksOfMonth) return t("staff:service.schedule.every", { days, time: schedule.time });
  const weeks = joinList([...schedule.weeksOfMonth].sort((a, b) => a - b).map((week) => t(`staff:service.weeks_of_month.${week}`)), t);
  return t("staff:service.schedule.weeks", { weeks, days, time: schedule.time });
}

/**
 * What the owner was told it costs: the standard's estimate, or "priced on site" (with the
 * standard's guide price, "from ¥x", when it gives one).
 */
export function estimateLabel(view: Pick<ServiceView, "subject" | "priceItems">, t: Translate): string {
  const { estimateFen, priceCode } = view.subject.details;
  if (estimateFen !== null) return t("staff:service.fields.estimate", { amount: formatFen(estimateFen) });
  const guide = view.priceItems?.[priceCode]?.priceFen ?? 0;
  return guide > 0 ? t("staff:service.fields.priced_on_site_from", { amount: formatFen(guide) }) : t("staff:service.fields.priced_on_site");
}

/** The agreed price; a package's is per month. */
export function agreedLabel(details: Pick<ServiceDetails, "agreedFen" | "isPackage">, t: Translate): string {
  if (details.agreedFen === null) return t("staff:service.fields.not_agreed");
  const amount = formatFen(details.agreedFen);
  return details.isPackage ? t("staff:service.fields.agreed_monthly", { amount }) : amount;
}

/** One quote or receipt line: `Whole-flat cleaning × 89.5 @ ¥8.00 = ¥716.00`. */
export function chargeLineText(line: ChargeLine, t: Translate): string {
  return t("staff:service.quote.line", { name: itemName(line, t), quantity: String(line.quantity), price: formatFen(line.unitPriceFen), amount: formatFen(line.amountFen) });
}

/** The service under its number at the top of its modals: the service and the item booked. */
export function serviceSummaryText(view: Pick<ServiceView, "subject" | "priceItems">, t: Translate): string {
  return `${t(`staff:service.types.${view.subject.details.serviceType}`)} · ${bookedItemName(view, t)}`;
}
