import { describe, expect, it } from "vitest";
import { afterWorkingDays, defaultWorkingHours, nextWorkingInstant, WorkingHoursSchema } from "../../src/core/domain/working-hours.js";

const zone = "Asia/Shanghai";
const at = (local: string) => new Date(`${local}+08:00`);
const next = (local: string) => nextWorkingInstant(at(local), defaultWorkingHours, zone);

describe("working hours", () => {
  it("an instant within 09:00-18:00 stays; 08:59 waits for 09:00; 18:00 and later wait for the next morning", () => {
    expect(next("2026-12-02T08:59:00")).toEqual(at("2026-12-02T09:00:00"));
    expect(next("2026-12-02T09:00:00")).toEqual(at("2026-12-02T09:00:00"));
    expect(next("2026-12-02T17:59:00")).toEqual(at("2026-12-02T17:59:00"));
    expect(next("2026-12-02T18:00:00")).toEqual(at("2026-12-03T09:00:00"));
    expect(next("2026-12-02T22:30:00")).toEqual(at("2026-12-03T09:00:00"));
  });

  it("one working day after 17:00 is 17:00 the next day; after 20:00 it is 09:00 the day after tomorrow", () => {
    expect(afterWorkingDays(at("2026-12-02T17:00:00"), 1, defaultWorkingHours, zone)).toEqual(at("2026-12-03T17:00:00"));
    expect(afterWorkingDays(at("2026-12-02T20:00:00"), 1, defaultWorkingHours, zone)).toEqual(at("2026-12-04T09:00:00"));
  });

  it("WORKING_HOURS reads HH:MM-HH:MM on one day and refuses anything else", () => {
    expect(WorkingHoursSchema.parse("08:30-17:30")).toEqual({ start: 510, end: 1050 });
    for (const bad of ["9-18", "18:00-09:00", "09:00-24:00", "09:00"]) expect(WorkingHoursSchema.safeParse(bad).success, bad).toBe(false);
  });
});
