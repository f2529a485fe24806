import { describe, expect, it } from "vitest";
import { importStaff } from "../../src/core/use-cases/import-staff.js";
import { importUnits } from "../../src/core/use-cases/import-units.js";
import { createFixture, staffRows, unitRow } from "../support/workflow-fixture.js";

const numbered = (rows: Record<string, string>[]) => rows.map((values, index) => ({ line: index + 2, values }));

describe("a key repeated within one import file", () => {
  it("a unit listed twice with other area, handover date or warranty is a line error naming both lines, and nothing is imported", async () => {
    const { ctx, memory } = await createFixture();
    const before = memory!.snapshot().units.length;

    const result = await importUnits(
      ctx,
      numbered([
        unitRow({ building: "A", unit: "101", handover_date: "2025-06-01", warranty_months: "24" }),
        unitRow({ building: "A", unit: "102", phone: "+8613800000002" }),
        unitRow({ building: "A", unit: "101", handover_date: "2019-01-01", warranty_months: "12", phone: "+8613800000003" }),
      ]),
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ line: 4, reason: expect.stringMatching(/unit A-101.*line 2/) }]);
    expect(result.problems[0]?.reason).toMatch(/handover_date|warranty_months/);
    expect(memory!.snapshot().units).toHaveLength(before);
  });

  it("the same owner of the same unit listed twice is a line error naming both lines, however the phone is written", async () => {
    const { ctx, memory } = await createFixture();
    const before = memory!.snapshot().units.length;

    const result = await importUnits(ctx, numbered([unitRow({ unit: "1301" }), unitRow({ unit: "1203" }), unitRow({ unit: "1301", phone: "0086 138 0000 0001", owner_name: "王芳芳" })]));

    expect(result).toEqual({ ok: false, problems: [{ line: 4, reason: expect.stringMatching(/unit 3-1301.*\+8613800000001.*line 2/) }] });
    expect(memory!.snapshot().units).toHaveLength(before);
  });

  it("co-owners of one unit, on rows that agree about the unit, are both imported", async () => {
    const { ctx, memory } = await createFixture();

    const result = await importUnits(ctx, numbered([unitRow({ unit: "1301" }), unitRow({ unit: "1301", owner_name: "李伟", phone: "+8613800000002" })]));

    expect(result).toEqual({ ok: true, created: 1, updated: 0, removedOwners: 0 });
    const unit = memory!.snapshot().units.find((candidate) => candidate.unit === "1301");
    expect(memory!.snapshot().residents.filter((resident) => resident.unitId === unit?.id).map((resident) => resident.name).sort()).toEqual(["李伟", "王芳"]);
  });

  it("every repeat is named, each with the line it repeats, along with the rows that are bad for other reasons", async () => {
    const { ctx } = await createFixture();

    const result = await importUnits(
      ctx,
      numbered([unitRow(), unitRow({ area_m2: "95" }), unitRow({ unit: "1203", language: "fr" }), unitRow({ area_m2: "96", phone: "+8613800000002" })]),
    );

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.line)).toEqual([3, 4, 5]);
    expect(result.problems[0]?.reason).toMatch(/line 2/);
    expect(result.problems[2]?.reason).toMatch(/line 2/);
  });

  it("a staff member listed twice is a line error naming both lines, and nothing is imported", async () => {
    const { ctx, memory } = await createFixture();
    const before = memory!.snapshot().staff.length;

    const result = await importStaff(ctx, numbered([{ slack_user_id: "U0NEW1", name: "New One", team: "cleaning", role: "member" }, staffRows[0]!, { slack_user_id: "U0NEW1", name: "New One", team: "greening", role: "leader" }]));

    expect(result).toEqual({ ok: false, problems: [{ line: 4, reason: expect.stringMatching(/U0NEW1.*line 2/) }] });
    expect(memory!.snapshot().staff).toHaveLength(before);
  });
});
