import type { Translate } from "./format.js";

/**
 * The property's time zone as staff say it (北京时间, "Beijing time"), from `staff:zones.<zone>`
 * with the IANA name's letters as the key; a zone without a name there shows its IANA name.
 */
export function zoneName(timeZone: string, t: Translate): string {
  const key = `staff:zones.${timeZone.toLowerCase().replace(/[^a-z]+/g, "_")}`;
  const named = t(key);
  return named === key || named.endsWith(key.slice("staff:".length)) ? timeZone : named;
}
