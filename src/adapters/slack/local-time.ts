/**
 * Wall-clock time in the property's zone, without a date library: the staff pick a date and a
 * time as the property's clocks show them, whatever zone their own Slack client is in.
 */

/** A date and time as read on a wall clock, without a zone. */
export interface LocalDateTime {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:mm`, 24-hour */
  time: string;
}

function wallClockParts(at: number, timeZone: string): Record<string, number> {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(at));
  const values: Record<string, number> = {};
  for (const part of parts) if (part.type !== "literal") values[part.type] = Number(part.value);
  return values;
}

/** Milliseconds the zone's wall clock is ahead of UTC at instant `at`. */
function zoneOffset(at: number, timeZone: string): number {
  const p = wallClockParts(at, timeZone);
  const wallAsUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wallAsUtc - Math.floor(at / 1000) * 1000;
}

/** The date and time an instant shows on the property's clocks. */
export function toLocalDateTime(at: Date, timeZone: string): LocalDateTime {
  const p = wallClockParts(at.getTime(), timeZone);
  const two = (n: number | undefined) => String(n ?? 0).padStart(2, "0");
  return { date: `${p.year}-${two(p.month)}-${two(p.day)}`, time: `${two(p.hour)}:${two(p.minute)}` };
}

/**
 * The instant at which the property's clocks show `local`. The offset is looked up twice because
 * it can differ between the naive guess and the answer around a daylight-saving change.
 */
export function fromLocalDateTime(local: LocalDateTime, timeZone: string): Date {
  const [year, month, day] = local.date.split("-").map(Number) as [number, number, number];
  const [hour, minute] = local.time.split(":").map(Number) as [number, number];
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const first = wallAsUtc - zoneOffset(wallAsUtc, timeZone);
  return new Date(wallAsUtc - zoneOffset(first, timeZone));
}
