import { describe, expect, it } from "vitest";
import { monthBounds, nextMonthStart, plannedVisitCount, previousMonth, visitsInMonth } from "../../../src/core/kinds/service/package/schedule.js";

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe("a package's visits in a month", () => {
  it("falls on every scheduled weekday at the local time in Shanghai", () => {
    const visits = visitsInMonth({ weekdays: [1], time: "10:00", weeksOfMonth: null }, "2026-12", "Asia/Shanghai");
    expect(iso(visits)).toEqual(["2026-12-07T02:00:00.000Z", "2026-12-14T02:00:00.000Z", "2026-12-21T02:00:00.000Z", "2026-12-28T02:00:00.000Z"]);
  });

  it("counts five visits in a month with five Mondays", () => {
    const schedule = { weekdays: [1], time: "09:30", weeksOfMonth: null };
    expect(plannedVisitCount(schedule, "2026-11", "Asia/Shanghai")).toBe(5);
    expect(iso(visitsInMonth(schedule, "2026-11", "Asia/Shanghai"))[4]).toBe("2026-11-30T01:30:00.000Z");
  });

  it("keeps only the first and third weekday with weeksOfMonth [1, 3]", () => {
    const visits = visitsInMonth({ weekdays: [6], time: "14:00", weeksOfMonth: [1, 3] }, "2027-01", "Asia/Shanghai");
    expect(iso(visits)).toEqual(["2027-01-02T06:00:00.000Z", "2027-01-16T06:00:00.000Z"]);
  });

  it("orders visits of several weekdays by time", () => {
    const visits = visitsInMonth({ weekdays: [5, 2], time: "08:00", weeksOfMonth: [1] }, "2026-12", "Asia/Shanghai");
    expect(iso(visits)).toEqual(["2026-12-01T00:00:00.000Z", "2026-12-04T00:00:00.000Z"]);
  });

  it("stays at the local time across a daylight saving change", () => {
    // Berlin moves from UTC+1 to UTC+2 on Sunday 2027-03-28.
    const visits = visitsInMonth({ weekdays: [7], time: "10:00", weeksOfMonth: null }, "2027-03", "Europe/Berlin");
    expect(iso(visits)).toEqual(["2027-03-07T09:00:00.000Z", "2027-03-14T09:00:00.000Z", "2027-03-21T09:00:00.000Z", "2027-03-28T08:00:00.000Z"]);
  });

  it("moves a time the change skips forward by the gap", () => {
    const [visit] = visitsInMonth({ weekdays: [7], time: "02:30", weeksOfMonth: [4] }, "2027-03", "Europe/Berlin");
    expect(visit?.toISOString()).toBe("2027-03-28T01:30:00.000Z");
  });

  it("refuses a month that is not YYYY-MM", () => {
    expect(() => visitsInMonth({ weekdays: [1], time: "10:00", weeksOfMonth: null }, "2026-13", "Asia/Shanghai")).toThrow(/YYYY-MM/);
  });
});

describe("the month calendar of the package tasks", () => {
  it("runs on the next 1st at 00:00 local, across the year end", () => {
    expect(nextMonthStart(new Date("2026-11-30T02:00:00Z"), "Asia/Shanghai").toISOString()).toBe("2026-11-30T16:00:00.000Z");
    expect(nextMonthStart(new Date("2026-11-30T16:00:00Z"), "Asia/Shanghai").toISOString()).toBe("2026-12-31T16:00:00.000Z");
  });

  it("bounds a month in the local zone and names the month before", () => {
    const { start, end } = monthBounds("2026-12", "Asia/Shanghai");
    expect([start.toISOString(), end.toISOString()]).toEqual(["2026-11-30T16:00:00.000Z", "2026-12-31T16:00:00.000Z"]);
    expect(previousMonth("2027-01", "Asia/Shanghai")).toBe("2026-12");
  });
});
