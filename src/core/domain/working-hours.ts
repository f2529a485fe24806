import { DateTime } from "luxon";
import { z } from "zod";

/** Staff working hours in the property's zone, as minutes after local midnight; `end` is exclusive. */
export interface WorkingHours {
  start: number;
  end: number;
}

const clock = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (text: string): number => {
  const [, h, m] = clock.exec(text) ?? [];
  return Number(h) * 60 + Number(m);
};

/**
 * `HH:MM-HH:MM` (`WORKING_HOURS`, default `09:00-18:00`): the hours in which prompts, retries
 * and escalations reach staff. Every day counts: a property's front desk is staffed all week.
 */
export const WorkingHoursSchema = z
  .string()
  .trim()
  .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, "must be HH:MM-HH:MM, such as 09:00-18:00")
  .refine((text) => text.split("-").every((part) => clock.test(part)), "must be HH:MM-HH:MM with real times of day")
  .transform((text): WorkingHours => {
    const [start = "", end = ""] = text.split("-");
    return { start: minutesOf(start), end: minutesOf(end) };
  })
  .refine((hours) => hours.start < hours.end, "must start before it ends, on one day");

export const defaultWorkingHours: WorkingHours = { start: 9 * 60, end: 18 * 60 };

/**
 * `QUIET_HOURS` (`HH:MM-HH:MM`, default `21:00-08:00`): the night, in which no reminder reaches
 * an owner. Parsed into the hours owners may be reminded in (08:00-21:00), the same shape as
 * working hours, so one function moves an instant into either. The night runs over midnight
 * (`21:00-08:00`) or starts at it (`00:00-07:00`).
 */
export const QuietHoursSchema = z
  .string()
  .trim()
  .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, "must be HH:MM-HH:MM, such as 21:00-08:00")
  .refine((text) => text.split("-").every((part) => clock.test(part)), "must be HH:MM-HH:MM with real times of day")
  .transform((text) => {
    const [start = "", end = ""] = text.split("-");
    return { quietStart: minutesOf(start), quietEnd: minutesOf(end) };
  })
  .refine(({ quietStart, quietEnd }) => quietStart > quietEnd || (quietStart === 0 && quietEnd > 0), "must run over midnight, such as 21:00-08:00, or start at 00:00")
  .transform(({ quietStart, quietEnd }): WorkingHours => ({ start: quietEnd, end: quietStart === 0 ? 24 * 60 : quietStart }));

/** The hours owners may be reminded in when `QUIET_HOURS` is the default 21:00-08:00. */
export const defaultOwnerHours: WorkingHours = { start: 8 * 60, end: 21 * 60 };

/**
 * `at` itself when it falls within working hours, otherwise the next opening: a prompt due at
 * 22:30 reaches the front desk at 09:00 the next morning, not in the night.
 */
export function nextWorkingInstant(at: Date, hours: WorkingHours, timeZone: string): Date {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const minute = local.hour * 60 + local.minute;
  const opening = local.startOf("day").plus({ minutes: hours.start });
  if (minute < hours.start) return opening.toJSDate();
  if (minute >= hours.end) return opening.plus({ days: 1 }).toJSDate();
  return at;
}

/** Whether staff are at work at `at`. */
export function isWorkingTime(at: Date, hours: WorkingHours, timeZone: string): boolean {
  return nextWorkingInstant(at, hours, timeZone).getTime() === at.getTime();
}

/**
 * `days` working days after `at`: from the working instant at or after `at`, the same time of
 * day that many days later (moved into the hours again). The leader owning an unreachable
 * owner at 17:00 has until 17:00 the next day; from 20:00, until 09:00 the day after tomorrow.
 */
export function afterWorkingDays(at: Date, days: number, hours: WorkingHours, timeZone: string): Date {
  const from = DateTime.fromJSDate(nextWorkingInstant(at, hours, timeZone), { zone: timeZone });
  return nextWorkingInstant(from.plus({ days }).toJSDate(), hours, timeZone);
}

/** The instant a non-urgent message may reach staff; an urgent one goes at once, whatever the hour. */
export function staffInstant(at: Date, urgent: boolean, hours: WorkingHours, timeZone: string): Date {
  return urgent ? at : nextWorkingInstant(at, hours, timeZone);
}
