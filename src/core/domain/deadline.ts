import { DateTime } from "luxon";
import { z } from "zod";

/**
 * How far a clock's due instant lies from the event that starts it. Calendar units (days,
 * months, end of day) are counted in the property's time zone, so "the same day" and "three
 * months later" mean what the front desk means by them.
 */
export const DeadlineSpecSchema = z.object({
  months: z.number().int().nonnegative().optional(),
  days: z.number().int().nonnegative().optional(),
  hours: z.number().int().nonnegative().optional(),
  minutes: z.number().int().nonnegative().optional(),
  /** After adding the units above, move to the last instant of that local day. */
  endOfDay: z.boolean().optional(),
});
export type DeadlineSpec = z.infer<typeof DeadlineSpecSchema>;

export function deadlineAfter(anchor: Date, spec: DeadlineSpec, timeZone: string): Date {
  let at = DateTime.fromJSDate(anchor, { zone: timeZone }).plus({
    months: spec.months ?? 0,
    days: spec.days ?? 0,
    hours: spec.hours ?? 0,
    minutes: spec.minutes ?? 0,
  });
  if (spec.endOfDay) at = at.endOf("day");
  return at.toJSDate();
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in the property's time zone. */
export function localDate(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone }).toISODate() ?? at.toISOString().slice(0, 10);
}
