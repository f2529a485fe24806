import type { Locale } from "../../../../core/domain/registry.js";

/** A local date `YYYY-MM-DD` as owners read it ("Fri, Dec 4", "12月4日周五"); it is already the property's day. */
export function localDateText(locale: Locale, date: string): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", day: "numeric", weekday: "short" }).format(new Date(Date.UTC(year, month - 1, day, 12)));
}
