import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import { promiseFee } from "../../../src/core/kinds/fee/use-cases/answer-reminder.js";
import { getFeeLadderSummary } from "../../../src/core/kinds/fee/use-cases/ladder-summary.js";
import { markLetterSent } from "../../../src/core/kinds/fee/use-cases/stages.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { addCharges, createFeeFixture, datesFrom, feeCaseOf, runOn } from "./fee-steps.js";

function ladderOnADatabase(kind: DatabaseKind) {
  let test: TestDatabase | null = null;
  afterEach(async () => {
    await test?.cleanup();
    test = null;
  });

  it("keeps the household's file across the ladder: the reminded charges, the promise, the letter and its tracking number", async () => {
    test = await openTestDatabase(kind);
    const { ctx, time, unitA } = await createFeeFixture("2026-08-31T09:00:00+08:00", { store: test.database.unitOfWork });
    const charges = await addCharges(ctx, unitA, [
      { period: "2026-08", amountFen: 25_000, dueDate: "2026-08-31" },
      { feeType: "lighting", period: "2026-08", amountFen: 800, dueDate: "2026-08-31" },
    ]);
    await runOn(ctx, time, "2026-09-01");
    const reminded = await feeCaseOf(ctx, unitA);
    expect([...(reminded?.details.remindedChargeIds ?? [])].sort()).toEqual(charges.map((charge) => charge.id).sort());
    time.set("2026-09-01T12:00:00+08:00");
    await promiseFee(ctx, { ownerUserId: "7001", caseId: reminded!.id, payBy: "2026-09-04T15:59:59.000Z" });
    for (const date of datesFrom("2026-09-02", "2026-12-01")) await runOn(ctx, time, date);
    const letter = await feeCaseOf(ctx, unitA);
    expect(letter?.details).toMatchObject({ stage: "demand_letter", letterNumber: "DL-2026-000001", promisedBy: "2026-09-04", firstOverdueReminderAt: new Date("2026-09-01T02:00:00Z") });
    time.set("2026-12-02T10:30:00+08:00");
    await markLetterSent(ctx, { caseId: letter!.id, staffUserId: "UFRONT1", trackingNumber: "SF1234567890" });
    expect((await feeCaseOf(ctx, unitA))?.details.trackingNumber).toBe("SF1234567890");
    expect((await getFeeLadderSummary(ctx)).stages.demand_letter).toEqual({ households: 1, amountFen: 25_800 });
  }, 60_000);
}

describe("the fee ladder: SQLite", () => {
  ladderOnADatabase("sqlite");
});

describe.skipIf(!postgresTestUrl)(`the fee ladder: PostgreSQL${postgresTestUrl ? "" : ` SKIPPED: ${postgresSkipReason}`}`, () => {
  ladderOnADatabase("postgresql");
});
