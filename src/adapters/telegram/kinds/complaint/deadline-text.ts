import { localDate } from "../../../../core/domain/deadline.js";
import { isWorkflowError } from "../../../../core/domain/errors.js";
import { ownerDeadlineAt } from "../../../../core/kinds/complaint/new-complaint.js";

/** A date the owner typed as their deadline, read against today in the property's zone. */
export type DeadlineText =
  | { ok: true; date: string }
  /** `not_a_date`: no date we read; `past`: before today; `too_far`: more than the core allows ahead (a year). */
  | { ok: false; reason: "not_a_date" | "past" | "too_far" };

// 2026-12-05, 2026/12/5, 2026.12.5, 2026年12月5日
const fullDate = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;
// 12-05, 12/5, 12.5, 12月5日, 12月5号
const monthDay = /^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$/;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * Reads an owner's typed deadline: a full date (`YYYY-MM-DD`, also with `/`, `.` or 年月日), or a
 * month and day (`MM-DD`, `12月5日`) meaning the next such date (today counts). The range rule is
 * the core's own (`ownerDeadlineAt`), so what is accepted here is what the core files at submit.
 */
export function readDeadlineText(text: string, now: Date, timeZone: string): DeadlineText {
  const trimmed = text.trim();
  const today = localDate(now, timeZone);
  let date: string | null = null;
  const full = fullDate.exec(trimmed);
  if (full) {
    date = isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
  } else {
    const short = monthDay.exec(trimmed);
    if (short) {
      const year = Number(today.slice(0, 4));
      const [month, day] = [Number(short[1]), Number(short[2])];
      // This year's date while it is still ahead (today counts), else next year's.
      const thisYear = isoDate(year, month, day);
      date = thisYear !== null && thisYear >= today ? thisYear : isoDate(year + 1, month, day);
      // 29 February with no leap year in the next two: a real day, but more than a year ahead.
      if (date === null && isoDate(2028, month, day) !== null) return { ok: false, reason: "too_far" };
    }
  }
  if (date === null) return { ok: false, reason: "not_a_date" };
  if (date < today) return { ok: false, reason: "past" };
  try {
    ownerDeadlineAt({ date }, now, timeZone);
  } catch (error) {
    if (isWorkflowError(error) && error.code === "invalid_input") return { ok: false, reason: "too_far" };
    throw error;
  }
  return { ok: true, date };
}
