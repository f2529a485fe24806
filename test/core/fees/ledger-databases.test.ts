import { afterEach, describe, expect, it } from "vitest";
import type { DatabaseKind } from "../../../src/adapters/persistence/database.js";
import { getOwnerFees } from "../../../src/core/use-cases/fees/get-owner-fees.js";
import { importFees } from "../../../src/core/use-cases/fees/import-fees.js";
import { importPayments } from "../../../src/core/use-cases/fees/import-payments.js";
import { recordPayment } from "../../../src/core/use-cases/fees/record-payment.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../../support/databases.js";
import { createFeeFixture, feeCaseOf, runOn } from "../fee/fee-steps.js";

const numbered = (rows: Record<string, string>[]) => rows.map((values, index) => ({ line: index + 2, values }));
const fee = (overrides: Record<string, string> = {}) => ({ building: "3", unit: "1202", fee_type: "property", period: "2026-09", amount: "250", due_date: "2026-09-30", ...overrides });
const paid = (overrides: Record<string, string> = {}) => ({ building: "3", unit: "1202", fee_type: "property", period: "2026-09", amount: "100", paid_at: "2026-10-01", receipt_number: "", ...overrides });

function ledgerOnADatabase(kind: DatabaseKind) {
  let test: TestDatabase | null = null;
  afterEach(async () => {
    await test?.cleanup();
    test = null;
  });

  it("imports charges and payments, refuses a bad file without using a receipt number, and settles the file with the last payment", async () => {
    test = await openTestDatabase(kind);
    const { ctx, time, unitA } = await createFeeFixture("2026-09-30T09:00:00+08:00", { store: test.database.unitOfWork });
    expect(await importFees(ctx, numbered([fee(), fee({ fee_type: "lighting", amount: "8" }), fee({ unit: "1203" })]))).toEqual({ ok: true, created: 3, updated: 0 });
    await runOn(ctx, time, "2026-10-01");
    const file = await feeCaseOf(ctx, unitA);
    expect(file?.status).toBe("open");

    expect(await importPayments(ctx, numbered([paid(), paid({ amount: "151" })]))).toMatchObject({ ok: false, problems: [{ line: 3 }] });
    expect(await importPayments(ctx, numbered([paid(), paid({ amount: "150" })]))).toEqual({ ok: true, created: 2, updated: 0 });
    const last = await recordPayment(ctx, { staffUserId: "UFRONT1", unitId: unitA, feeType: "lighting", period: "2026-09", amountFen: 800, paidAt: time.now() });

    expect(last.receipt).toMatchObject({ number: "RC-2026-000003", caseId: file!.id });
    expect(await ctx.uow.transaction((store) => store.cases.findById(file!.id))).toMatchObject({ status: "settled" });
    const [household, ...others] = await getOwnerFees(ctx, { ownerUserId: "7001" });
    expect(others).toEqual([]);
    expect(household).toMatchObject({ outstandingFen: 0, stage: null });
    expect(household?.payments.map((p) => p.receiptNumber).sort()).toEqual(["RC-2026-000001", "RC-2026-000002", "RC-2026-000003"]);
  });
}

describe("the fee ledger: SQLite", () => {
  ledgerOnADatabase("sqlite");
});

describe.skipIf(!postgresTestUrl)(`the fee ledger: PostgreSQL${postgresTestUrl ? "" : ` SKIPPED: ${postgresSkipReason}`}`, () => {
  ledgerOnADatabase("postgresql");
});
