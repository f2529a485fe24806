import { describe, expect, it } from "vitest";
import type { ChargeLineRequest } from "../../../src/core/kinds/repair/charges.js";
import { answerFixed } from "../../../src/core/kinds/repair/use-cases/answer-fixed.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { getOwnerFees } from "../../../src/core/use-cases/fees/get-owner-fees.js";
import { importFees } from "../../../src/core/use-cases/fees/import-fees.js";
import { importPayments } from "../../../src/core/use-cases/fees/import-payments.js";
import { recordPayment } from "../../../src/core/use-cases/fees/record-payment.js";
import { importPrices } from "../../../src/core/use-cases/import-prices.js";
import type { MemoryStore } from "../../../src/testing/memory-store.js";
import { createFixture, reportedRepair, unitRow, verifiedOwner } from "../../support/workflow-fixture.js";
import { finishAt } from "../repair/repair-steps.js";

const numbered = (rows: Record<string, string>[]) => rows.map((values, index) => ({ line: index + 2, values }));

function feeRow(overrides: Partial<Record<string, string>> = {}): Record<string, string> {
  return { building: "3", unit: "1202", fee_type: "property", period: "2026-11", amount: "358.00", due_date: "2026-11-30", ...overrides };
}

function paymentRow(overrides: Partial<Record<string, string>> = {}): Record<string, string> {
  return { building: "3", unit: "1202", fee_type: "property", period: "2026-11", amount: "358.00", paid_at: "2026-11-29", receipt_number: "", ...overrides };
}

/** 3-1202 (王芳) and 3-1203 (李伟), and the 2026-11 and 2026-12 fees of both. */
async function ledger(units = [unitRow(), unitRow({ unit: "1203", owner_name: "李伟", phone: "+8613800000002" })]) {
  const fixture = await createFixture({ units });
  const fees = await importFees(
    fixture.ctx,
    numbered([
      feeRow(),
      feeRow({ fee_type: "elevator", amount: "40" }),
      feeRow({ period: "2026-12", due_date: "2026-12-31" }),
      feeRow({ unit: "1203", amount: "420.50" }),
    ]),
  );
  expect(fees).toEqual({ ok: true, created: 4, updated: 0 });
  return { ...fixture, memory: fixture.memory as MemoryStore };
}

const chargesOf = async (ctx: WorkflowContext, unit: string) =>
  ctx.uow.transaction(async (store) => {
    const found = await store.units.findByAddress("3", unit);
    return found ? store.charges.listByUnit(found.id) : [];
  });

const receiptNumbers = (memory: MemoryStore) => memory.snapshot().receipts.map((receipt) => receipt.number).sort();

describe("importing the fees", () => {
  it("imports each charge in fen with its due date, and a corrected file updates it in place", async () => {
    const { ctx } = await ledger();

    expect((await chargesOf(ctx, "1202")).map((c) => [c.period, c.feeType, c.amountFen, c.dueDate, c.paidFen])).toEqual([
      ["2026-11", "elevator", 4_000, "2026-11-30", 0],
      ["2026-11", "property", 35_800, "2026-11-30", 0],
      ["2026-12", "property", 35_800, "2026-12-31", 0],
    ]);

    expect(await importFees(ctx, numbered([feeRow({ amount: "360.00", due_date: "2026-12-05" }), feeRow({ fee_type: "garbage", amount: "15" })]))).toEqual({ ok: true, created: 1, updated: 1 });
    expect((await chargesOf(ctx, "1202")).filter((c) => c.period === "2026-11").map((c) => [c.feeType, c.amountFen, c.dueDate])).toEqual([
      ["elevator", 4_000, "2026-11-30"],
      ["garbage", 1_500, "2026-11-30"],
      ["property", 36_000, "2026-12-05"],
    ]);
  });

  it("names every bad line with its reason and imports nothing when one is bad", async () => {
    const { ctx, memory } = await ledger();
    const before = memory.snapshot().charges;

    const result = await importFees(
      ctx,
      numbered([
        feeRow({ period: "2027-01", due_date: "2027-01-31" }),
        feeRow({ unit: "9999", period: "2027-01" }),
        feeRow({ fee_type: "parking", period: "2027-01" }),
        feeRow({ period: "2027-13" }),
        feeRow({ period: "2027-02", amount: "358.005" }),
        feeRow({ period: "2027-03", due_date: "2027-02-30" }),
        feeRow({ period: "2027-01", amount: "1" }),
        feeRow({ period: "2027-04", amount: "0" }),
      ]),
    );

    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 3, reason: "unit 3-9999 is not in the unit registry" },
        { line: 4, reason: "fee_type: fee_type must be one of property, elevator, lighting, garbage, renovation_deposit, other" },
        { line: 5, reason: "period: period must be YYYY-MM" },
        { line: 6, reason: 'amount: amount must be yuan with at most 2 decimals, such as 12.50 (got "358.005")' },
        { line: 7, reason: "due_date: due_date is not a real date" },
        { line: 8, reason: "the property fee of 2027-01 for unit 3-1202 is listed again; it is already on line 2" },
        { line: 9, reason: "amount: amount must be more than 0" },
      ],
    });
    expect(memory.snapshot().charges).toEqual(before);
  });

  it("refuses to lower a charge below what is already paid of it", async () => {
    const { ctx } = await ledger();
    expect((await importPayments(ctx, numbered([paymentRow({ amount: "200" })]))).ok).toBe(true);

    expect(await importFees(ctx, numbered([feeRow({ amount: "150" })]))).toEqual({ ok: false, problems: [{ line: 2, reason: "amount ¥150.00 is less than the ¥200.00 already paid of the property fee of 2026-11" }] });
  });
});

describe("importing the payments", () => {
  it("records each payment against its charge with a receipt, and sends the receipt to an owner on the bot", async () => {
    const { ctx, memory } = await ledger();
    await verifiedOwner(ctx);

    const result = await importPayments(
      ctx,
      numbered([paymentRow(), paymentRow({ fee_type: "elevator", amount: "40.00", paid_at: "2026-11-29T15:30:00+08:00" }), paymentRow({ unit: "1203", amount: "100", receipt_number: "NO.0004711" })]),
    );

    expect(result).toEqual({ ok: true, created: 3, updated: 0 });
    expect((await chargesOf(ctx, "1202")).map((c) => [c.period, c.feeType, c.paidFen])).toEqual([
      ["2026-11", "elevator", 4_000],
      ["2026-11", "property", 35_800],
      ["2026-12", "property", 0],
    ]);
    expect((await chargesOf(ctx, "1203"))[0]?.paidFen).toBe(10_000);
    const receipts = memory.snapshot().receipts.sort((a, b) => (a.number < b.number ? -1 : 1));
    expect(receipts.map((r) => [r.number, r.amountFen, r.lines.map((line) => [line.code, line.nameZh, line.nameEn, line.quantity])])).toEqual([
      ["NO.0004711", 10_000, [["FEE-PROPERTY", "物业费 2026-11", "Property fee 2026-11", 1]]],
      ["RC-2026-000001", 35_800, [["FEE-PROPERTY", "物业费 2026-11", "Property fee 2026-11", 1]]],
      ["RC-2026-000002", 4_000, [["FEE-ELEVATOR", "电梯费 2026-11", "Elevator fee 2026-11", 1]]],
    ]);
    const payments = memory.snapshot().payments;
    expect(payments.find((p) => p.amountFen === 4_000)?.paidAt).toEqual(new Date("2026-11-29T07:30:00Z"));
    // A date alone is the start of that day in the property's zone.
    expect(payments.find((p) => p.amountFen === 35_800)?.paidAt).toEqual(new Date("2026-11-28T16:00:00Z"));
    const notices = memory.snapshot().outbox.map((m) => m.payload).filter((p) => p.type === "owner.notice" && p.key === "receipt.fee");
    // 王芳 is on the bot and gets her two receipts; 李伟 is not and gets nothing.
    expect(notices.map((n) => n.type === "owner.notice" && [n.chatId, n.params.receipt, n.params.total])).toEqual([
      ["7001", "RC-2026-000001", "¥358.00"],
      ["7001", "RC-2026-000002", "¥40.00"],
    ]);
  });

  it("lines of one receipt number are one receipt with a line per charge", async () => {
    const { ctx, memory } = await ledger();

    expect(await importPayments(ctx, numbered([paymentRow({ receipt_number: "NO.1" }), paymentRow({ fee_type: "elevator", amount: "40", receipt_number: "NO.1" })]))).toEqual({ ok: true, created: 2, updated: 0 });

    expect(memory.snapshot().receipts.map((r) => [r.number, r.amountFen, r.lines.map((line) => line.code)])).toEqual([["NO.1", 39_800, ["FEE-PROPERTY", "FEE-ELEVATOR"]]]);
  });

  it("names every bad line: no such charge, more than outstanding (also over several lines), paid later than now, a receipt number used; nothing is recorded", async () => {
    const { ctx, memory } = await ledger();
    expect((await importPayments(ctx, numbered([paymentRow({ amount: "8", receipt_number: "NO.7" })]))).ok).toBe(true);
    const before = memory.snapshot();

    const result = await importPayments(
      ctx,
      numbered([
        paymentRow({ amount: "300" }),
        paymentRow({ amount: "50.01" }),
        paymentRow({ fee_type: "garbage" }),
        paymentRow({ unit: "9999" }),
        paymentRow({ fee_type: "elevator", amount: "41" }),
        paymentRow({ period: "2026-12", paid_at: "2026-12-01" }),
        paymentRow({ period: "2026-12", paid_at: "2026-11-30T10:00:01+08:00" }),
        paymentRow({ period: "2026-12", amount: "1", receipt_number: "NO.7" }),
        paymentRow({ period: "2026-12", amount: "1", receipt_number: "RC-2026-000009" }),
        paymentRow({ period: "2026-12", amount: "1.001" }),
        paymentRow({ period: "2026-12", paid_at: "yesterday" }),
      ]),
    );

    expect(result).toEqual({
      ok: false,
      problems: [
        { line: 3, reason: "amount ¥50.01 is more than the ¥50.00 outstanding of the property fee of 2026-11" },
        { line: 4, reason: "unit 3-1202 has no charge for the garbage fee of 2026-11" },
        { line: 5, reason: "unit 3-9999 is not in the unit registry" },
        { line: 6, reason: "amount ¥41.00 is more than the ¥40.00 outstanding of the elevator fee of 2026-11" },
        { line: 7, reason: "paid_at 2026-12-01 is later than now" },
        { line: 8, reason: "paid_at 2026-11-30T10:00:01+08:00 is later than now" },
        { line: 9, reason: "receipt_number NO.7 is already used" },
        { line: 10, reason: "receipt_number RC-2026-000009 is already used (RC- numbers are issued here; leave receipt_number empty to take the next)" },
        { line: 11, reason: 'amount: amount must be yuan with at most 2 decimals, such as 12.50 (got "1.001")' },
        { line: 12, reason: "paid_at: paid_at must be YYYY-MM-DD or an instant with its offset, such as 2026-12-02T10:30:00+08:00" },
      ],
    });
    const after = memory.snapshot();
    expect([after.payments, after.receipts, after.charges, after.sequences]).toEqual([before.payments, before.receipts, before.charges, before.sequences]);
  });
});

describe("payments at the front desk", () => {
  const payment = { staffUserId: "UFRONT1", feeType: "property" as const, period: "2026-11", amountFen: 35_800, paidAt: new Date("2026-11-30T01:00:00Z") };
  const unitId = async (ctx: WorkflowContext, unit = "1202") => (await ctx.uow.transaction((store) => store.units.findByAddress("3", unit)))?.id as string;

  it("refuses more than is outstanding, a charge that does not exist and a payment dated later than now, recording nothing", async () => {
    const { ctx, memory } = await ledger();
    const id = await unitId(ctx);
    const before = memory.snapshot();

    await expect(recordPayment(ctx, { ...payment, unitId: id, amountFen: 35_801 })).rejects.toMatchObject({ code: "payment_over_outstanding", params: { outstanding: "¥358.00" } });
    await expect(recordPayment(ctx, { ...payment, unitId: id, period: "2027-01" })).rejects.toMatchObject({ code: "charge_not_found" });
    await expect(recordPayment(ctx, { ...payment, unitId: id, paidAt: new Date("2026-11-30T02:00:01Z") })).rejects.toMatchObject({ code: "payment_in_future" });
    await expect(recordPayment(ctx, { ...payment, unitId: id, staffUserId: "UMAINT1" })).rejects.toMatchObject({ code: "forbidden" });

    const after = memory.snapshot();
    expect([after.payments, after.receipts, after.sequences]).toEqual([before.payments, before.receipts, before.sequences]);
  });

  it("receipt numbers continue the service receipts' sequence, and a refused payment takes no number", async () => {
    const { ctx, time, memory } = await ledger([unitRow({ handover_date: "2020-01-01", warranty_months: "12" }), unitRow({ unit: "1203", owner_name: "李伟", phone: "+8613800000002" })]);
    expect((await importPrices(ctx, numbered([{ code: "MT-TAP", team: "maintenance", name_zh: "更换水龙头", name_en: "Replace a tap", pricing_unit: "visit", price: "30.00", onsite_pricing: "no" }]))).ok).toBe(true);
    await verifiedOwner(ctx);
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", [{ code: "MT-TAP", quantity: 1 }] satisfies ChargeLineRequest[]);
    await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" });
    expect(receiptNumbers(memory)).toEqual(["RC-2026-000001"]);

    expect((await importPayments(ctx, numbered([paymentRow({ amount: "100" }), paymentRow({ amount: "300" })]))).ok).toBe(false);
    expect((await importPayments(ctx, numbered([paymentRow({ amount: "100" }), paymentRow({ fee_type: "elevator", amount: "40" })]))).ok).toBe(true);
    await expect(recordPayment(ctx, { ...payment, unitId: await unitId(ctx), amountFen: 30_000 })).rejects.toMatchObject({ code: "payment_over_outstanding" });
    await recordPayment(ctx, { ...payment, unitId: await unitId(ctx), amountFen: 25_800 });

    expect(receiptNumbers(memory)).toEqual(["RC-2026-000001", "RC-2026-000002", "RC-2026-000003", "RC-2026-000004"]);
    expect(memory.snapshot().payments.find((p) => p.amountFen === 25_800)).toMatchObject({ recordedBy: "UFRONT1" });
  });
});

describe("the owner's fees", () => {
  it("an owner of two units sees each household's fees separately, and never another unit's", async () => {
    const { ctx } = await ledger([unitRow(), unitRow({ unit: "1203" }), unitRow({ unit: "1204", owner_name: "李伟", phone: "+8613800000002" })]);
    expect((await importFees(ctx, numbered([feeRow({ unit: "1203", amount: "420.50" }), feeRow({ unit: "1204", amount: "999" })]))).ok).toBe(true);
    expect((await importPayments(ctx, numbered([paymentRow({ fee_type: "elevator", amount: "40", receipt_number: "NO.9" })]))).ok).toBe(true);
    await verifiedOwner(ctx);

    const households = await getOwnerFees(ctx, { ownerUserId: "7001" });

    expect(households.map((h) => h.unit.unit)).toEqual(["1202", "1203"]);
    const [mine, other] = households;
    expect(mine?.charges.map((c) => [c.period, c.feeType, c.outstandingFen, c.overdue])).toEqual([
      ["2026-11", "property", 35_800, false],
      ["2026-12", "property", 35_800, false],
    ]);
    expect([mine?.dueFen, mine?.outstandingFen]).toEqual([35_800, 71_600]);
    expect(mine?.payments.map((p) => [p.feeType, p.period, p.amountFen, p.receiptNumber])).toEqual([["elevator", "2026-11", 4_000, "NO.9"]]);
    expect(mine?.stage).toBeNull();
    expect(other?.charges.map((c) => [c.period, c.feeType, c.outstandingFen])).toEqual([["2026-11", "property", 42_050]]);
    expect(other?.payments).toEqual([]);
    expect(households.flatMap((h) => h.charges).some((c) => c.amountFen === 99_900)).toBe(false);
  });

  it("an owner not verified reads no fees", async () => {
    const { ctx } = await ledger();

    await expect(getOwnerFees(ctx, { ownerUserId: "7999" })).rejects.toMatchObject({ code: "not_verified" });
  });
});
