import { describe, expect, it } from "vitest";
import type { ChargeLineRequest } from "../../../src/core/kinds/repair/charges.js";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
import { answerFixed } from "../../../src/core/kinds/repair/use-cases/answer-fixed.js";
import { completeWork } from "../../../src/core/kinds/repair/use-cases/complete-work.js";
import { correctRepair } from "../../../src/core/kinds/repair/use-cases/correct-repair.js";
import type { WorkflowContext } from "../../../src/core/ports/workflow-context.js";
import { importPrices } from "../../../src/core/use-cases/import-prices.js";
import { recordCallback } from "../../../src/core/use-cases/record-callback.js";
import type { MemoryStore } from "../../../src/testing/memory-store.js";
import { createFixture, reportedRepair, unitRow } from "../../support/workflow-fixture.js";
import { finishAt, openCallbackOf } from "./repair-steps.js";

/** 3-1202 handed over in 2020 with a year of warranty: its repairs are paid (有偿服务). */
const outOfWarranty = unitRow({ handover_date: "2020-01-01", warranty_months: "12" });

const standard = [
  { code: "MT-TAP", team: "maintenance", name_zh: "更换水龙头", name_en: "Replace a tap", pricing_unit: "visit", price: "30.00", onsite_pricing: "no" },
  { code: "MT-DRAIN", team: "maintenance", name_zh: "疏通地漏或下水道", name_en: "Unclog a drain", pricing_unit: "visit", price: "80.00", onsite_pricing: "no" },
  { code: "CL-HOURLY", team: "cleaning", name_zh: "钟点清洁", name_en: "Hourly cleaning", pricing_unit: "hour", price: "50.00", onsite_pricing: "no" },
];

const twoItems: ChargeLineRequest[] = [
  { code: "MT-TAP", quantity: 2 },
  { code: "MT-DRAIN", quantity: 1 },
];

async function property(unit = outOfWarranty) {
  const fixture = await createFixture({ units: [unit] });
  const imported = await importPrices(fixture.ctx, standard.map((values, index) => ({ line: index + 2, values })));
  expect(imported.ok).toBe(true);
  return { ...fixture, memory: fixture.memory as MemoryStore };
}

function ownerNotices(memory: MemoryStore) {
  return memory.snapshot().outbox.map((message) => message.payload).filter((payload) => payload.type === "owner.notice");
}

const receiptsOf = (ctx: WorkflowContext, caseId: string) => ctx.uow.transaction((store) => store.receipts.listByCase(caseId));

async function satisfiedAtCallback(ctx: WorkflowContext, ticket: RepairCase) {
  const callback = await openCallbackOf(ctx, ticket.id);
  if (!callback) throw new Error(`no open callback for ${ticket.number}`);
  return recordCallback(ctx, { callbackId: callback.id, staffUserId: "UFRONT1", outcome: "satisfied" });
}

describe("a paid repair ends with its items, the owner's acceptance and the receipt", () => {
  it("completing it records the items priced from the maintenance standard, and the owner's Fixed? shows them with the total", async () => {
    const { ctx, time, memory } = await property();
    const ticket = await reportedRepair(ctx);
    expect(ticket.details.billing).toBe("paid");

    const done = await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", twoItems);

    expect(done.status).toBe("awaiting_callback");
    expect(done.details.chargeLines).toEqual([
      { code: "MT-TAP", nameZh: "更换水龙头", nameEn: "Replace a tap", quantity: 2, unitPriceFen: 3_000, amountFen: 6_000 },
      { code: "MT-DRAIN", nameZh: "疏通地漏或下水道", nameEn: "Unclog a drain", quantity: 1, unitPriceFen: 8_000, amountFen: 8_000 },
    ]);
    const fixed = ownerNotices(memory).at(-1);
    expect(fixed).toMatchObject({
      key: "repair.done_paid",
      params: { number: "R-2026-000001", total: "¥140.00", lines: "更换水龙头 × 2: ¥60.00\n疏通地漏或下水道 × 1: ¥80.00" },
      buttons: [{ action: "fixed.yes" }, { action: "fixed.no" }],
    });
    expect(await receiptsOf(ctx, ticket.id)).toEqual([]);
  });

  it("the owner's Yes is the acceptance: receipt RC-2026-000001 with those lines and amount, sent to the owner", async () => {
    const { ctx, time, memory } = await property();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", twoItems);

    await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" });

    const [receipt, ...more] = await receiptsOf(ctx, ticket.id);
    expect(more).toEqual([]);
    expect(receipt).toMatchObject({ number: "RC-2026-000001", amountFen: 14_000, unitId: ticket.unitId, payerId: ticket.reporterId, period: null });
    expect(receipt?.lines.map(({ code, quantity, amountFen }) => ({ code, quantity, amountFen }))).toEqual([
      { code: "MT-TAP", quantity: 2, amountFen: 6_000 },
      { code: "MT-DRAIN", quantity: 1, amountFen: 8_000 },
    ]);
    expect(ownerNotices(memory).at(-1)).toMatchObject({ key: "receipt.issued", params: { number: "R-2026-000001", receipt: "RC-2026-000001", total: "¥140.00" } });
    const events = memory.snapshot().events.filter((event) => event.caseId === ticket.id).map((event) => event.type);
    expect(events).toContain("receipt_issued");
  });

  it("the owner's No sends it back to the technician and records no receipt; the next completion records its items again", async () => {
    const { ctx, time, memory } = await property();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", twoItems);

    const reopened = await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "no" });

    expect(reopened.status).toBe("assigned");
    expect(await receiptsOf(ctx, ticket.id)).toEqual([]);
    expect(ownerNotices(memory).some((notice) => notice.key.startsWith("receipt."))).toBe(false);
    await expect(finishAt(ctx, time, reopened, "2026-12-02T03:00:00Z")).rejects.toMatchObject({ code: "charge_lines_required" });
    const redone = await completeWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1", chargeLines: [{ code: "MT-TAP", quantity: 1 }] });
    expect(redone.details.chargeLines.map((line) => line.amountFen)).toEqual([3_000]);
  });

  it("the callback's Satisfied is the acceptance when the owner never answered: the receipt is issued once, and a later Yes issues none", async () => {
    const { ctx, time, memory } = await property();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", twoItems);

    const { ticket: closed } = await satisfiedAtCallback(ctx, ticket);

    expect(closed.status).toBe("closed");
    expect((await receiptsOf(ctx, ticket.id)).map((receipt) => [receipt.number, receipt.amountFen])).toEqual([["RC-2026-000001", 14_000]]);
    expect(ownerNotices(memory).filter((notice) => notice.key === "receipt.issued")).toHaveLength(1);
    await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" }).catch(() => undefined);
    expect(await receiptsOf(ctx, ticket.id)).toHaveLength(1);
    expect(ownerNotices(memory).filter((notice) => notice.key === "receipt.issued")).toHaveLength(1);
  });

  it("after the owner's Yes the callback's Satisfied closes it without a second receipt", async () => {
    const { ctx, time } = await property();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", twoItems);
    await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" });

    await satisfiedAtCallback(ctx, ticket);

    expect(await receiptsOf(ctx, ticket.id)).toHaveLength(1);
  });

  it("its rework after the receipt (not fixed at the callback) is not charged again", async () => {
    const { ctx, time } = await property();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", twoItems);
    await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" });
    const callback = await openCallbackOf(ctx, ticket.id);
    const { ticket: reopened } = await recordCallback(ctx, { callbackId: callback!.id, staffUserId: "UFRONT1", outcome: "not_fixed" });

    await expect(finishAt(ctx, time, reopened as RepairCase, "2026-12-03T03:00:00Z", twoItems)).rejects.toMatchObject({ code: "charge_lines_not_allowed" });
    const redone = await completeWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
    await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" });
    await satisfiedAtCallback(ctx, redone);

    expect(redone.details.chargeLines).toHaveLength(2);
    expect(await receiptsOf(ctx, ticket.id)).toHaveLength(1);
  });

  it("a paid leak records its items at completion, before its leak test", async () => {
    const { ctx, time } = await property();
    const ticket = await reportedRepair(ctx, { category: "water_leak" });

    const done = await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", [{ code: "MT-DRAIN", quantity: 1.5 }]);

    expect(done.status).toBe("leak_test_pending");
    expect(done.details.chargeLines).toMatchObject([{ code: "MT-DRAIN", quantity: 1.5, amountFen: 12_000 }]);
  });

  it("completing it without items, or with an unknown or another team's code, is refused and changes nothing", async () => {
    const { ctx, time, memory } = await property();
    const ticket = await reportedRepair(ctx);

    await expect(finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z")).rejects.toMatchObject({ code: "charge_lines_required", params: { number: "R-2026-000001" } });
    const before = memory.snapshot();
    const complete = (chargeLines: ChargeLineRequest[]) => completeWork(ctx, { caseId: ticket.id, staffUserId: "UMAINT1", chargeLines });
    await expect(complete([{ code: "MT-NOPE", quantity: 1 }])).rejects.toMatchObject({ code: "price_item_unknown", params: { code: "MT-NOPE" } });
    await expect(complete([{ code: "CL-HOURLY", quantity: 2 }])).rejects.toMatchObject({ code: "price_item_unknown", params: { code: "CL-HOURLY" } });
    await expect(complete([{ code: "MT-TAP", quantity: 0 }])).rejects.toMatchObject({ code: "invalid_input" });
    await expect(complete([{ code: "MT-TAP", quantity: 1.234 }])).rejects.toMatchObject({ code: "invalid_input" });
    await expect(complete([{ code: "MT-TAP", quantity: 1 }, { code: "MT-TAP", quantity: 2 }])).rejects.toMatchObject({ code: "invalid_input" });

    expect(memory.snapshot().cases).toEqual(before.cases);
    expect(memory.snapshot().outbox).toEqual(before.outbox);
  });
});

describe("a warranty repair is never charged", () => {
  it("completes without items, and neither the owner's Yes nor the callback issues a receipt", async () => {
    const { ctx, time, memory } = await property(unitRow());
    const ticket = await reportedRepair(ctx);
    expect(ticket.details.billing).toBe("warranty");

    const done = await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z");
    await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" });
    const { ticket: closed } = await satisfiedAtCallback(ctx, done);

    expect(done.details.chargeLines).toEqual([]);
    expect(ownerNotices(memory).find((notice) => notice.key.startsWith("repair.done"))?.key).toBe("repair.done");
    expect(closed.status).toBe("closed");
    expect(await receiptsOf(ctx, ticket.id)).toEqual([]);
    expect(memory.snapshot().outbox.some((message) => message.payload.type === "owner.notice" && message.payload.key.startsWith("receipt."))).toBe(false);
  });

  it("refuses items at completion", async () => {
    const { ctx, time } = await property(unitRow());
    const ticket = await reportedRepair(ctx);

    await expect(finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", twoItems)).rejects.toMatchObject({ code: "charge_lines_not_allowed" });
  });

  it("its billing is kept once the work is done, so a paid repair cannot lose its items nor a warranty one gain a fee", async () => {
    const { ctx, time } = await property(unitRow());
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z");

    await expect(correctRepair(ctx, { caseId: ticket.id, staffUserId: "UFRONT1", billing: "paid", reason: "Damage caused by the tenant" })).rejects.toMatchObject({
      code: "invalid_transition",
      params: { action: "correct_billing", status: "awaiting_callback" },
    });
    const recategorised = await correctRepair(ctx, { caseId: ticket.id, staffUserId: "UFRONT1", category: "electrical", billing: "warranty", reason: "The socket, not the pipe" });
    expect(recategorised.details).toMatchObject({ category: "electrical", billing: "warranty" });
  });

  it("a paid repair sent back and then corrected to warranty completes without the items of its first completion", async () => {
    const { ctx, time } = await property();
    const ticket = await reportedRepair(ctx);
    await finishAt(ctx, time, ticket, "2026-12-01T03:00:00Z", twoItems);
    const reopened = await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "no" });
    await correctRepair(ctx, { caseId: ticket.id, staffUserId: "UFRONT1", billing: "warranty", reason: "Defect of the developer's tap" });

    const done = await finishAt(ctx, time, reopened, "2026-12-02T03:00:00Z");
    await answerFixed(ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" });

    expect(done.details.chargeLines).toEqual([]);
    expect(await receiptsOf(ctx, ticket.id)).toEqual([]);
  });
});
