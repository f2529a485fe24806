import { DateTime } from "luxon";
import { WorkflowError } from "../../../domain/errors.js";
import type { PackageSchedule } from "../details.js";

/** A local month, `YYYY-MM`. */
export const monthPattern = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The first instant of a local month and of the month after it: the month is [start, end). */
export function monthBounds(month: string, timeZone: string): { start: Date; end: Date } {
  const start = monthStart(month, timeZone);
  return { start: start.toJSDate(), end: start.plus({ months: 1 }).toJSDate() };
}

/** The local month (`YYYY-MM`) an instant falls in. */
export function monthOf(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toFormat("yyyy-MM");
}

/** The month before a local month: `2027-01` gives `2026-12`. */
export function previousMonth(month: string, timeZone: string): string {
  return monthStart(month, timeZone).minus({ months: 1 }).toFormat("yyyy-MM");
}

/** The next 1st of a month at 00:00 local strictly after `after`: when the monthly package tasks run. */
export function nextMonthStart(after: Date, timeZone: string): Date {
  return DateTime.fromJSDate(after, { zone: timeZone }).startOf("month").plus({ months: 1 }).toJSDate();
}

function monthStart(month: string, timeZone: string): DateTime {
  const match = monthPattern.exec(month);
  if (!match) throw new WorkflowError("invalid_input", `month ${month} is not YYYY-MM`);
  return DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: 1 }, { zone: timeZone });
}

/**
 * The instants of a package's visits in a local month, in time order: every day whose ISO
 * weekday is in the schedule, at the schedule's local time, and when `weeksOfMonth` is given
 * only the n-th such weekday of the month (`[1, 3]`: the first and the third). The local time
 * is placed in the zone's offset of that day, so a visit at 10:00 stays at 10:00 across a
 * daylight saving change; a time the change skips moves forward by the gap.
 */
export function visitsInMonth(schedule: PackageSchedule, month: string, timeZone: string): Date[] {
  const start = monthStart(month, timeZone);
  const [hour, minute] = schedule.time.split(":").map(Number) as [number, number];
  const visits: Date[] = [];
  for (let day = 1; day <= (start.daysInMonth ?? 31); day += 1) {
    const date = start.set({ day });
    if (!schedule.weekdays.includes(date.weekday)) continue;
    const week = Math.ceil(day / 7);
    if (schedule.weeksOfMonth && !schedule.weeksOfMonth.includes(week)) continue;
    visits.push(date.set({ hour, minute, second: 0, millisecond: 0 }).toJSDate());
  }
  return visits;
}

/** How many visits the schedule gives in the whole month: what a full month's fee pays for. */
export function plannedVisitCount(schedule: PackageSchedule, month: string, timeZone: string): number {
  return visitsInMonth(schedule, month, timeZone).length;
}
