import { describe, expect, it } from "vitest";
import { getOwnerFees } from "../../../src/core/use-cases/fees/get-owner-fees.js";
import { importPayments } from "../../../src/core/use-cases/fees/import-payments.js";
import { recordPayment } from "../../../src/core/use-cases/fees/record-payment.js";
import { addCharges, createFeeFixture, feeCaseOf, payloadsOf, reminders, runDaily, runOn } from "../fee/fee-steps.js";

const september = { period: "2026-09", amountFen: 25_000, dueDate: "2026-09-30" };
const october = { period: "2026-10", amountFen: 25_000, dueDate: "2026-10-31" };

describe("a payment and the household's fee file", () => {
  it("a payment that leaves nothing due settles the file at once: its receipt is the file's, and the ladder stops", async () => {
    const { ctx, time, memory, unitA } = await createFeeFixture("2026-09-30T09:00:00+08:00");
    await addCharges(ctx, unitA, [september, october]);
    await runOn(ctx, time, "2026-10-01");
    const file = await feeCaseOf(ctx, unitA);
    expect(file).toMatchObject({ status: "open", details: { stage: "overdue" } });
    expect((await getOwnerFees(ctx, { ownerUserId: "7001" }))[0]).toMatchObject({ stage: "overdue", caseNumber: file!.number, dueFen: 25_000, outstandingFen: 50_000 });

    time.set("2026-10-03T15:00:00+08:00");
    const half = await recordPayment(ctx, { staffUserId: "UFRONT1", unitId: unitA, feeType: "property", period: "2026-09", amountFen: 10_000, paidAt: time.now() });
    expect(half.caseId).toBe(file!.id);
    expect((await feeCaseOf(ctx, unitA))?.status).toBe("open");

    // October is not due yet: paying the rest of September leaves nothing due.
    const rest = await recordPayment(ctx, { staffUserId: "UFRONT1", unitId: unitA, feeType: "property", period: "2026-09", amountFen: 15_000, paidAt: time.now() });

    expect(rest.receipt).toMatchObject({ caseId: file!.id, amountFen: 15_000, number: "RC-2026-000002" });
    expect(await ctx.uow.transaction((store) => store.cases.findById(file!.id))).toMatchObject({ status: "settled", closedAt: time.now() });
    expect(payloadsOf(memory, "owner.notice").filter((notice) => notice.key === "receipt.fee").map((notice) => [notice.chatId, notice.params.receipt])).toEqual([
      ["7001", "RC-2026-000001"],
      ["7001", "RC-2026-000002"],
    ]);
    const remindedBefore = reminders(memory).length;
    expect(await runDaily(ctx, time, memory, "2026-10-04", "2026-10-27")).toEqual({});
    expect(reminders(memory)).toHaveLength(remindedBefore);
    expect((await getOwnerFees(ctx, { ownerUserId: "7001" }))[0]).toMatchObject({ stage: null, caseNumber: null, dueFen: 0, outstandingFen: 25_000 });
  });

  it("an imported payment settles the file too, and one that leaves something due does not", async () => {
    const { ctx, time, unitA } = await createFeeFixture("2026-09-30T09:00:00+08:00");
    await addCharges(ctx, unitA, [september, { ...september, feeType: "elevator", amountFen: 4_000 }]);
    await runOn(ctx, time, "2026-10-01");
    const file = await feeCaseOf(ctx, unitA);
    const row = { building: "3", unit: "1202", fee_type: "property", period: "2026-09", amount: "250.00", paid_at: "2026-10-01", receipt_number: "" };

    expect(await importPayments(ctx, [{ line: 2, values: row }])).toEqual({ ok: true, created: 1, updated: 0 });
    expect((await feeCaseOf(ctx, unitA))?.id).toBe(file!.id);

    expect(await importPayments(ctx, [{ line: 2, values: { ...row, fee_type: "elevator", amount: "40" } }])).toEqual({ ok: true, created: 1, updated: 0 });
    expect(await ctx.uow.transaction((store) => store.cases.findById(file!.id))).toMatchObject({ status: "settled" });
  });
});
