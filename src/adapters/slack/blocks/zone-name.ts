import type { Translate } from "./format.js";

function longName(timeZone: string, locale: string): string | null {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "long" }).formatToParts(new Date());
    return parts.find((part) => part.type === "timeZoneName")?.value ?? null;
  } catch {
    return null;
  }
}

/**
 * The property's time zone as staff say it: China's zones (Asia/Shanghai, Asia/Chongqing...) as
 * 北京时间 / "Beijing time" (`staff:zones.china`), which is what a Chinese front desk writes rather
 * than 中国标准时间; any other zone by its long name in the staff's language (日本标准时间, "Japan
 * Standard Time"); the IANA id only when the runtime knows no name for it.
 */
export function zoneName(timeZone: string, t: Translate, locale: string): string {
  if (longName(timeZone, "en") === "China Standard Time") return t("staff:zones.china");
  return longName(timeZone, locale) ?? timeZone;
}
