import { describe, expect, it } from "vitest";
import { describeError as describeSlackError } from "../../src/adapters/slack/slack-errors.js";
import { describeError as describeTelegramError } from "../../src/adapters/telegram/errors.js";
import { WorkflowError } from "../../src/core/domain/errors.js";

const describers = [
  ["Telegram", describeTelegramError],
  ["Slack", describeSlackError],
] as const;

describe.each(describers)("the %s adapter's log-safe error description", (_, describeError) => {
  it("names a refusal by its code and case number only: its internal message may hold what an owner typed, an address, an amount or a receipt number", () => {
    const refusals = [
      new WorkflowError("unit_not_found", "no unit 9/0909 Rose Garden", { building: "9 Rose Garden", unit: "0909" }),
      new WorkflowError("payment_over_outstanding", "¥500.00 is more than the ¥350.00 outstanding of property 2026-11", { number: "F-2026-000001" }),
      new WorkflowError("receipt_number_used", "receipt number RC-2026-000042 is already used", { receipt: "RC-2026-000042" }),
    ];
    const described = refusals.map((error) => JSON.stringify(describeError(error)));

    for (const needle of ["Rose Garden", "0909", "¥", "500.00", "350.00", "RC-2026-000042"]) expect(described.join("\n")).not.toContain(needle);
    expect(describeError(refusals[1])).toEqual({ type: "WorkflowError", code: "payment_over_outstanding", number: "F-2026-000001" });
  });

  it("redacts a phone in every form and an ID number from any other error's message and stack", () => {
    const error = new Error("insert failed for +8613800000001, 8613800000001, 008613800000001, 13800000001 and 110101199003071234 (chat 5002000)");
    const described = JSON.stringify(describeError(error));

    for (const needle of ["13800000001", "110101199003071234"]) expect(described).not.toContain(needle);
    expect(described).toContain("chat 5002000");
  });
});
