import { describe, expect, it } from "vitest";
import { deadlineAfter } from "../../src/core/domain/deadline.js";
import { nextStatus } from "../../src/core/case/lifecycle.js";
import { repairCardActions, repairLifecycle } from "../../src/core/kinds/repair/lifecycle.js";
import type { RepairCategory } from "../../src/core/kinds/repair/details.js";
import { aTicket } from "../support/ticket-factory.js";

const availableActions = ({ status, category }: { status: string; category: RepairCategory }) => repairCardActions(aTicket({ status, details: { category } }));

describe("deadlines in the property's time zone", () => {
  const completedAt = new Date("2026-11-30T07:30:00Z"); // 15:30 in Shanghai

  it("'within 2 days' is 48 hours after the anchor", () => {
    expect(deadlineAfter(completedAt, { days: 2 }, "Asia/Shanghai").toISOString()).toBe("2026-12-02T07:30:00.000Z");
  });

  it("'the same day' ends at midnight in Shanghai, not in UTC", () => {
    expect(deadlineAfter(completedAt, { endOfDay: true }, "Asia/Shanghai").toISOString()).toBe("2026-11-30T15:59:59.999Z");
  });

  it("'three months after the reminder' counts calendar months, as the dunning ladder needs", () => {
    expect(deadlineAfter(new Date("2026-01-31T02:00:00Z"), { months: 3 }, "Asia/Shanghai").toISOString()).toBe("2026-04-30T02:00:00.000Z");
  });
});

describe("the repair lifecycle", () => {
  it("an invalid transition is a coded error naming the ticket, never a silent write", () => {
    expect(() => nextStatus(repairLifecycle, { status: "closed", number: "R-2026-000009" }, "start")).toThrowError(
      expect.objectContaining({ code: "invalid_transition", params: expect.objectContaining({ number: "R-2026-000009" }) }),
    );
  });

  it("a leak in progress offers Done-before-leak-test and never the plain Done", () => {
    expect(availableActions({ status: "in_progress", category: "water_leak" })).toEqual(["complete_before_leak_test", "cancel_after_start"]);
    expect(availableActions({ status: "in_progress", category: "plumbing" })).toEqual(["complete", "cancel_after_start"]);
  });

  it("closed and cancelled tickets offer no action", () => {
    expect(availableActions({ status: "closed", category: "plumbing" })).toEqual([]);
    expect(availableActions({ status: "cancelled", category: "plumbing" })).toEqual([]);
  });
});
