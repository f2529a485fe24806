import { DateTime } from "luxon";
import type { Charge } from "../../domain/fees.js";
import type { ReminderRung } from "./details.js";

/** One step of the dunning ladder (催缴), with where the procedures ask for it. */
export interface LadderRung {
  source: string;
  /** The rung's timing, in days or calendar months. */
  [timing: string]: string | number;
}

/**
 * The ladder as data (PROCEDURES.md §3, "Dunning ladder for overdue fees"). Reminders go on
 * their day at the daily run; the stages follow from the first overdue reminder; the legal
 * channel is a manager's decision, never automatic.
 */
export const feeLadder = {
  before_due: { source: "PROCEDURES.md §3.2: reminders with the amount, the period and the deadline; the first 3 days before the due date", daysBeforeDue: 3 },
  due: { source: "PROCEDURES.md §3.2: a reminder on the due date itself", daysBeforeDue: 0 },
  overdue: {
    source: "PROCEDURES.md §3.1-2: who is overdue and why (the reason recorded); reminded the day after the due date, then every 7 days",
    firstDayAfterDue: 1,
    everyDays: 7,
  },
  demand_letter: { source: "PROCEDURES.md §3.3: still unpaid 3 months after the (first overdue) reminder, a formal demand letter (正式催缴函) sent by express mail", monthsAfterFirstOverdue: 3 },
  home_visit: { source: "PROCEDURES.md §3.4: residents who keep not paying get a home visit (上门催缴), 1 month after the letter", monthsAfterLetter: 1 },
  legal: { source: "PROCEDURES.md §3.5: long-term refusal without reason goes to the legal channel (法律途径): a manager refers it by hand" },
} as const satisfies Record<ReminderRung | "demand_letter" | "home_visit" | "legal", LadderRung>;

/** The reminder run's time, local (the recurring task's hour). */
export const reminderRunHour = 10;

/** `date` (YYYY-MM-DD) moved by whole days. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate() ?? date;
}

/** Whole days from `from` to `to` (local dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round(DateTime.fromISO(to, { zone: "UTC" }).diff(DateTime.fromISO(from, { zone: "UTC" }), "days").days);
}

/** `date` moved by calendar months, clamped to the month's end (31 Jan + 1 month is 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ months }).toISODate() ?? date;
}

/** The last day to be reminded before a charge is due: charges due up to this date are in today's run. */
export function remindHorizon(today: string): string {
  return addDays(today, feeLadder.before_due.daysBeforeDue);
}

/**
 * The rung a charge is reminded on `today`, or null when today is none of its days: 3 days
 * before its due date, on it, the day after it, then every 7 days. A promise's pause ending
 * (the day after the promised date) is a reminder day too: the owner hears again at once.
 */
export function rungOn(charge: Pick<Charge, "dueDate" | "promisedBy">, today: string): ReminderRung | null {
  const late = daysBetween(charge.dueDate, today);
  if (late === -feeLadder.before_due.daysBeforeDue) return "before_due";
  if (late === 0) return "due";
  if (late < 0) return null;
  const { firstDayAfterDue, everyDays } = feeLadder.overdue;
  if ((late - firstDayAfterDue) % everyDays === 0) return "overdue";
  if (charge.promisedBy !== null && addDays(charge.promisedBy, 1) === today) return "overdue";
  return null;
}

/** Which of a reminder's rungs it is named after: the most advanced. */
export function headlineRung(rungs: readonly ReminderRung[]): ReminderRung {
  if (rungs.includes("overdue")) return "overdue";
  return rungs.includes("due") ? "due" : "before_due";
}

/** The local date the demand letter is due: 3 calendar months after the first overdue reminder's day. */
export function letterDueOn(firstOverdueReminderDay: string): string {
  return addMonths(firstOverdueReminderDay, feeLadder.demand_letter.monthsAfterFirstOverdue);
}

/** The local date the home visit is due: a calendar month after the letter's day. */
export function homeVisitDueOn(letterDay: string): string {
  return addMonths(letterDay, feeLadder.home_visit.monthsAfterLetter);
}

/** The next daily run at 10:00 local after `after`. */
export function nextReminderRun(after: Date, timeZone: string): Date {
  const local = DateTime.fromJSDate(after, { zone: timeZone });
  let next = local.set({ hour: reminderRunHour, minute: 0, second: 0, millisecond: 0 });
  if (next <= local) next = next.plus({ days: 1 });
  return next.toJSDate();
}

/** The next Monday 09:00 local after `after`: the weekly summary. */
export function nextWeekSummary(after: Date, timeZone: string): Date {
  const local = DateTime.fromJSDate(after, { zone: timeZone });
  let next = local.set({ weekday: 1, hour: 9, minute: 0, second: 0, millisecond: 0 });
  if (next <= local) next = next.plus({ weeks: 1 });
  return next.toJSDate();
}

/** The ISO week (`2026-W49`) of an instant in the property's zone. */
export function isoWeekOf(at: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, "0")}`;
}
