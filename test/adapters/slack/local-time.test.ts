import { describe, expect, it } from "vitest";
import { fromLocalDateTime, toLocalDateTime } from "../../../src/adapters/slack/local-time.js";

describe("property-local time", () => {
  it("reads 14:30 on a Shanghai calendar as 06:30 UTC", () => {
    expect(fromLocalDateTime({ date: "2026-12-02", time: "14:30" }, "Asia/Shanghai").toISOString()).toBe("2026-12-02T06:30:00.000Z");
  });

  it("shows an instant as the property's clocks do, across the date line", () => {
    expect(toLocalDateTime(new Date("2026-11-30T17:05:00Z"), "Asia/Shanghai")).toEqual({ date: "2026-12-01", time: "01:05" });
  });

  it("follows daylight saving in zones that have it", () => {
    expect(fromLocalDateTime({ date: "2026-07-01", time: "09:00" }, "America/New_York").toISOString()).toBe("2026-07-01T13:00:00.000Z");
    expect(fromLocalDateTime({ date: "2026-12-01", time: "09:00" }, "America/New_York").toISOString()).toBe("2026-12-01T14:00:00.000Z");
  });
});
