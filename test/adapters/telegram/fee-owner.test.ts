import { afterEach, describe, expect, it } from "vitest";
import type { Charge, FeeType } from "../../../src/core/domain/fees.js";
import { recordPayment } from "../../../src/core/use-cases/fees/record-payment.js";
import { unitRow } from "../../support/workflow-fixture.js";
import { chineseOwner, chineseOwnerPhone, createHarness, englishOwner, englishOwnerPhone, englishOwnerRow, verifyThroughBot, type Harness } from "./telegram-harness.js";

// The harness's clock: Monday 30 November 2026, 10:00 in Shanghai.
let h: Harness;

async function unitIdOf(building: string, unit: string): Promise<string> {
  const found = await h.store.transaction((store) => store.units.findByAddress(building, unit));
  if (!found) throw new Error(`no unit ${building}-${unit}`);
  return found.id;
}

async function charge(building: string, unit: string, feeType: FeeType, period: string, amountFen: number, dueDate: string): Promise<Charge> {
  const unitId = await unitIdOf(building, unit);
  const at = h.time.now();
  const [row] = await h.store.transaction((store) =>
    store.charges.upsertMany([{ id: `${unitId}-${feeType}-${period}`, unitId, feeType, period, amountFen, dueDate, paidFen: 0, promisedBy: null, disputeCaseId: null, createdAt: at, updatedAt: at }]),
  );
  return row!.charge;
}

afterEach(async () => {
  expect(h.missingKeys).toEqual([]);
  await h.close();
});

describe("/fees on the owners' bot", () => {
  it("shows an owner of one unit what is due per period and fee type, the total, and the payments with their receipt numbers", async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    await charge("3", "1202", "property", "2026-10", 30000, "2026-10-31");
    await charge("3", "1202", "property", "2026-11", 30000, "2026-11-30");
    await charge("3", "1202", "elevator", "2026-11", 4550, "2026-12-04");
    const unitId = await unitIdOf("3", "1202");
    // Paid at 01:30 in Shanghai, still the 20th in UTC: the history shows the local day.
    await recordPayment(h.workflow, { staffUserId: "UFRONT1", unitId, feeType: "property", period: "2026-10", amountFen: 30000, paidAt: new Date("2026-11-20T17:30:00Z") });
    await recordPayment(h.workflow, { staffUserId: "UFRONT1", unitId, feeType: "property", period: "2026-11", amountFen: 10000, paidAt: new Date("2026-11-29T02:00:00Z") });

    await h.command(englishOwner, "fees");

    expect(h.texts(englishOwner).slice(-2)).toEqual([
      "Your fees, per unit:",
      [
        "🏠 Building 3, unit 1202",
        "Due:",
        "• 2026-11 Elevator fee: ¥45.50, due Fri, Dec 4",
        "• 2026-11 Property fee: ¥200.00 still to pay of ¥300.00, due Mon, Nov 30",
        "Total due: ¥245.50",
        "",
        "Payments:",
        "• Sun, Nov 29 · 2026-11 Property fee: ¥100.00, receipt RC-2026-000002",
        "• Sat, Nov 21 · 2026-10 Property fee: ¥300.00, receipt RC-2026-000001",
      ].join("\n"),
    ]);
  });

  it("shows an owner of two units each unit separately, and never a neighbour's", async () => {
    h = await createHarness({
      units: [
        unitRow(englishOwnerRow),
        unitRow({ ...englishOwnerRow, unit: "1203" }),
        unitRow({ unit: "0801", owner_name: "李丽", phone: chineseOwnerPhone, language: "zh-CN" }),
      ],
    });
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    await charge("3", "1202", "property", "2026-11", 30000, "2026-11-30");
    await charge("3", "1203", "elevator", "2026-11", 1200, "2026-11-30");
    await charge("3", "0801", "property", "2026-11", 99900, "2026-11-30");

    await h.command(englishOwner, "fees");

    const [title, first, second] = h.texts(englishOwner).slice(-3);
    expect(title).toBe("Your fees, per unit:");
    expect(first).toContain("🏠 Building 3, unit 1202\nDue:\n• 2026-11 Property fee: ¥300.00, due Mon, Nov 30\nTotal due: ¥300.00");
    expect(second).toContain("🏠 Building 3, unit 1203\nDue:\n• 2026-11 Elevator fee: ¥12.00, due Mon, Nov 30\nTotal due: ¥12.00");
    expect(h.texts(englishOwner).join("\n")).not.toContain("999");
  });

  it("shows a Chinese owner their fees and receipts in Chinese", async () => {
    h = await createHarness();
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);
    await charge("3", "0801", "property", "2026-11", 30000, "2026-11-30");
    await charge("3", "0801", "garbage", "2026-10", 1200, "2026-10-31");
    await recordPayment(h.workflow, { staffUserId: "UFRONT1", unitId: await unitIdOf("3", "0801"), feeType: "garbage", period: "2026-10", amountFen: 1200, paidAt: new Date("2026-10-30T02:00:00Z") });

    await h.text(chineseOwner, "💰 我的费用");

    expect(h.texts(chineseOwner).slice(-2)).toEqual([
      "您的费用（按房屋）：",
      "🏠 3栋 0801室\n应缴：\n• 2026-11 物业费：¥300.00，缴费截止 11月30日周一\n合计应缴：¥300.00\n\n缴费记录：\n• 10月30日周五 · 2026-10 垃圾清运费：¥12.00，收据 RC-2026-000001",
    ]);
  });

  it("tells an owner with nothing due so, politely, in their language", async () => {
    h = await createHarness();
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);

    await h.text(chineseOwner, "💰 我的费用");

    expect(h.texts(chineseOwner).slice(-2)).toEqual(["您目前没有需要缴纳的费用，感谢您按时缴费！", "🏠 3栋 0801室\n暂无应缴费用。\n\n缴费记录：\n暂无缴费记录。"]);
  });

  it("refuses an owner who is not verified, with the way to verify", async () => {
    h = await createHarness();
    await h.command(englishOwner, "start");
    await h.command(englishOwner, "fees");

    expect(h.lastText(englishOwner)).toMatch(/verif/i);
  });
});
