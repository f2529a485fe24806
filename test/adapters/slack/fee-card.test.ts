import { afterEach, describe, expect, it } from "vitest";
import { feeCard } from "../../../src/adapters/slack/kinds/fee/card.js";
import { feeActionIds } from "../../../src/adapters/slack/kinds/fee/interaction.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { buttonsOf, textOf } from "./block-text.js";
import { aCharge, aFeeView } from "./fee-view.js";
import { anEvent, englishText, expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t, formatInstant } = englishText();

describe("the fee card", () => {
  it("lists what the household owes per period and fee type with the total, promises and disputes by complaint number", () => {
    const view = aFeeView({
      charges: [
        aCharge(),
        aCharge({ id: "charge-2", feeType: "elevator", amountFen: 4_550, promisedBy: "2026-09-15" }),
        aCharge({ id: "charge-3", period: "2026-09", dueDate: "2026-09-30", disputeCaseId: "complaint-1" }),
        aCharge({ id: "charge-4", period: "2026-07", paidFen: 35_000 }),
      ],
      caseNumbers: { "complaint-1": "C-2026-000004" },
    });

    const { text, blocks } = feeCard(view, t, formatInstant);
    const shown = textOf(blocks);

    expect(blockKitErrors(blocks, 50)).toEqual([]);
    expect(text).toBe("F-2026-000001 · fees in arrears · 3-1201 · Overdue · ¥745.50 · Collecting");
    expect(shown).toContain("王芳");
    expect(shown).toContain("2026-08 · Property fee · ¥350.00 · due 2026-08-31");
    expect(shown).toContain("2026-08 · Elevator fee · ¥45.50 · due 2026-08-31 · promised by 2026-09-15");
    expect(shown).toContain("2026-09 · Property fee · ¥350.00 · due 2026-09-30 · disputed: C-2026-000004");
    expect(shown).not.toContain("2026-07");
    expect(shown).toContain("Total ¥745.50");
  });

  it("lists the payments received with their receipt numbers", () => {
    const receipt = { id: "receipt-1", number: "RC-2026-000007", caseId: "fee-1", workOrderId: null, period: null, unitId: "unit-1", payerId: "resident-1", lines: [], amountFen: 25_000, issuedAt: new Date("2026-09-02T07:00:00Z") };
    const shown = textOf(feeCard(aFeeView({ receipts: [receipt] }), t, formatInstant).blocks);

    expect(shown).toContain("Payments");
    expect(shown).toMatch(/RC-2026-000007 · ¥250\.00 · .*Sep 2, 15:00/);
  });

  it("shows the owner's answers with their times, the reason, the letter and the express mail's tracking number", () => {
    const view = aFeeView({
      subject: {
        details: {
          stage: "demand_letter",
          overdueReason: "financial_difficulty",
          letterNumber: "DL-2026-000001",
          letterAt: new Date("2026-12-01T02:00:00Z"),
          trackingNumber: "SF1234567890",
          sentAt: new Date("2026-12-02T03:00:00Z"),
        },
      },
      recentEvents: [
        anEvent({ id: "e1", caseId: "fee-1", type: "acknowledged", at: new Date("2026-09-01T03:15:00Z"), data: {} }),
        anEvent({ id: "e2", caseId: "fee-1", type: "reason_given", at: new Date("2026-09-08T04:30:00Z"), data: { reason: "financial_difficulty" } }),
        anEvent({ id: "e3", caseId: "fee-1", type: "letter_issued", actor: { type: "system" }, at: new Date("2026-12-01T02:00:00Z"), data: { letterNumber: "DL-2026-000001" } }),
      ],
    });

    const { blocks } = feeCard(view, t, formatInstant);
    const shown = textOf(blocks);

    expect(shown).toContain("Owner's answers");
    expect(shown).toMatch(/Sep 1, 11:15 · \*王芳\* acknowledged the reminder/);
    expect(shown).toMatch(/Sep 8, 12:30 · \*王芳\* gave the reason: Financial difficulty/);
    expect(shown).toContain("Demand letter");
    expect(shown).toContain("DL-2026-000001");
    expect(shown).toContain("SF1234567890 · sent");
    // Sent already: the button is not drawn again.
    expect(buttonsOf(blocks).map((shownButton) => shownButton.action_id)).toEqual([feeActionIds.recordPayment, feeActionIds.referToLegal]);
  });

  it("offers Sent by express mail once a letter is issued, Home visit done when it is due, Record payment while the file stands, and says a household without the bot is on the call list", () => {
    const before = aFeeView({ subject: { reporterUserId: null } });
    const issued = aFeeView({ subject: { details: { stage: "demand_letter", letterNumber: "DL-2026-000002" } } });
    const visitDue = aFeeView({ subject: { details: { stage: "home_visit", letterNumber: "DL-2026-000002", sentAt: new Date("2026-12-02T03:00:00Z"), homeVisitDueAt: new Date("2027-01-01T02:00:00Z") } } });
    const referred = aFeeView({ subject: { status: "referred", details: { stage: "legal" } } });

    expect(buttonsOf(feeCard(before, t, formatInstant).blocks).map((shown) => shown.text.text)).toEqual(["Record payment", "Refer to legal"]);
    expect(textOf(feeCard(before, t, formatInstant).blocks)).toContain("on the call list");
    expect(buttonsOf(feeCard(issued, t, formatInstant).blocks).map((shown) => shown.text.text)).toEqual(["Record payment", "Sent by express mail", "Refer to legal"]);
    expect(buttonsOf(feeCard(visitDue, t, formatInstant).blocks).map((shown) => shown.text.text)).toEqual(["Record payment", "Home visit done", "Refer to legal"]);
    // With the legal channel, a payment is still taken.
    expect(buttonsOf(feeCard(referred, t, formatInstant).blocks).map((shown) => shown.text.text)).toEqual(["Record payment"]);
  });
});
