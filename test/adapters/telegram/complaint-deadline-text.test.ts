import { describe, expect, it } from "vitest";
import { readDeadlineText } from "../../../src/adapters/telegram/kinds/complaint/deadline-text.js";

const zone = "Asia/Shanghai";
// 1 December 2026, 10:00 in Shanghai.
const now = new Date("2026-12-01T02:00:00Z");

describe("a deadline the owner types", () => {
  it.each([
    ["2026-12-05", "2026-12-05"],
    ["2026/12/5", "2026-12-05"],
    ["2026年12月5日", "2026-12-05"],
    ["12-05", "2026-12-05"],
    ["12月5日", "2026-12-05"],
    ["12月5号", "2026-12-05"],
    [" 12/5 ", "2026-12-05"],
  ])("reads %s as %s", (text, date) => {
    expect(readDeadlineText(text, now, zone)).toEqual({ ok: true, date });
  });

  it("takes a month and day already passed this year as next year's (1月10日 in December is January)", () => {
    expect(readDeadlineText("1月10日", now, zone)).toEqual({ ok: true, date: "2027-01-10" });
    expect(readDeadlineText("11-30", now, zone)).toEqual({ ok: true, date: "2027-11-30" });
  });

  it("accepts today, counted in the property's zone (23:30 in Shanghai is already the next day in UTC terms)", () => {
    expect(readDeadlineText("12-01", now, zone)).toEqual({ ok: true, date: "2026-12-01" });
    expect(readDeadlineText("12-02", new Date("2026-12-01T15:30:00Z"), zone)).toEqual({ ok: true, date: "2026-12-02" });
  });

  it("refuses a full date before today as past", () => {
    expect(readDeadlineText("2026-11-30", now, zone)).toEqual({ ok: false, reason: "past" });
  });

  it("refuses a date more than a year ahead", () => {
    expect(readDeadlineText("2028-01-05", now, zone)).toEqual({ ok: false, reason: "too_far" });
    expect(readDeadlineText("02-29", new Date("2029-01-10T02:00:00Z"), zone)).toEqual({ ok: false, reason: "too_far" });
  });

  it.each(["tomorrow", "2026-02-30", "13-01", "12-32", "", "5"])("does not read %j as a date", (text) => {
    expect(readDeadlineText(text, now, zone)).toEqual({ ok: false, reason: "not_a_date" });
  });
});
