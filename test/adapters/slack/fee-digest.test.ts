import { afterEach, describe, expect, it } from "vitest";
import { feeWeekMessage } from "../../../src/adapters/slack/kinds/fee/week-digest.js";
import type { FeeLadderSummary } from "../../../src/core/kinds/fee/use-cases/ladder-summary.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { textOf } from "./block-text.js";
import { englishText, expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t } = englishText();

const none = { households: 0, amountFen: 0 };
const stages = (figures: Partial<FeeLadderSummary["stages"]>): FeeLadderSummary["stages"] => ({ reminding: none, overdue: none, demand_letter: none, home_visit: none, legal: none, ...figures });
const aCall = (call: Pick<FeeLadderSummary["callList"][number], "building" | "unit" | "ownerName" | "phone" | "amountFen">) => ({ caseId: `fee-${call.unit}`, number: "F-2026-000001", stage: "overdue" as const, ...call });

describe("the week's fee digest", () => {
  it("gives per stage the households and amounts with the total, and the call list of owners not on the bot", () => {
    const { text, blocks } = feeWeekMessage(
      {
        stages: stages({ overdue: { households: 3, amountFen: 120_000 }, demand_letter: { households: 1, amountFen: 210_000 } }),
        callList: [aCall({ building: "3", unit: "1201", ownerName: "王芳", phone: "+8613800000001", amountFen: 35_000 })],
      },
      "2026-W49",
      t,
    );
    const shown = textOf(blocks);

    expect(blockKitErrors(blocks, 50)).toEqual([]);
    expect(text).toBe("Fees in arrears, 2026-W49: 4 households · ¥3300.00");
    expect(shown).toContain("*Overdue*: 3 households · ¥1200.00");
    expect(shown).toContain("*Demand letter*: 1 households · ¥2100.00");
    expect(shown).not.toContain("Reminding");
    expect(shown).toContain("Call list (not on the bot)");
    expect(shown).toContain("3-1201 · 王芳 · +8613800000001 · ¥350.00");
  });

  it("says so when no household is in arrears and nobody needs a call", () => {
    const shown = textOf(feeWeekMessage({ stages: stages({}), callList: [] }, "2026-W50", t).blocks);

    expect(shown).toContain("No household is in arrears.");
    expect(shown).toContain("Nobody to call");
  });

  it("folds a call list too long for one message into a count, never cutting a phone number", () => {
    const callList = Array.from({ length: 200 }, (_, index) => aCall({ building: "5", unit: String(100 + index), ownerName: `Owner ${index}`, phone: `+86139000${String(index).padStart(5, "0")}`, amountFen: 35_000 }));
    const { blocks } = feeWeekMessage({ stages: stages({ overdue: { households: 200, amountFen: 7_000_000 } }), callList }, "2026-W49", t);

    expect(blockKitErrors(blocks, 50)).toEqual([]);
    expect(textOf(blocks)).toMatch(/… and \d+ more/);
    expect(textOf(blocks)).toMatch(/\+86139000\d{5} · ¥350\.00\n… and/);
  });
});
