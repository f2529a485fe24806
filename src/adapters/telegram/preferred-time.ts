import type { Locale } from "../../core/domain/registry.js";
import type { PreferredSlot } from "./callback-data.js";

const slotOffsets: Record<Exclude<PreferredSlot, "weekend">, number> = { today_pm: 0, tomorrow_am: 1, tomorrow_pm: 1 };

/**
 * The calendar date a slot button means, shown next to it ("Tomorrow morning (Tue, Dec 1)"):
 * staff read the request days later, when "tomorrow" no longer says which day. Counted in the
 * property's zone; the weekend is the coming Saturday (today, if it is already the weekend).
 */
export function slotDate(slot: PreferredSlot, now: Date, timeZone: string, locale: Locale): string {
  const [year, month, day] = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" })
    .format(now)
    .split("-")
    .map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  const offset = slot === "weekend" ? (weekday === 0 || weekday === 6 ? 0 : 6 - weekday) : slotOffsets[slot];
  const date = new Date(Date.UTC(year, month - 1, day + offset, 12));
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", day: "numeric", weekday: "short" }).format(date);
}
