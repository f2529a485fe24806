import { afterEach, describe, expect, it } from "vitest";
import type { ChargeLineRequest } from "../../../src/core/kinds/repair/charges.js";
import { completeWork } from "../../../src/core/kinds/repair/use-cases/complete-work.js";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { reportRepair } from "../../../src/core/kinds/repair/use-cases/report-repair.js";
import { startWork } from "../../../src/core/kinds/repair/use-cases/start-work.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { importPrices } from "../../../src/core/use-cases/import-prices.js";
import type { FakeUser } from "../../../src/testing/index.js";
import { unitRow } from "../../support/workflow-fixture.js";
import {
  chineseOwner,
  chineseOwnerPhone,
  createHarness,
  deliverOwnerNotices,
  englishOwner,
  englishOwnerPhone,
  englishOwnerRow,
  type Harness,
  verifyThroughBot,
} from "./telegram-harness.js";

/** Both owners' units were handed over in 2020 with a year of warranty: their repairs are paid. */
const outOfWarranty = { handover_date: "2020-01-01", warranty_months: "12" };

const standard = [
  { code: "MT-TAP", team: "maintenance", name_zh: "更换水龙头", name_en: "Replace a tap", pricing_unit: "visit", price: "30.00", onsite_pricing: "no" },
  { code: "MT-DRAIN", team: "maintenance", name_zh: "疏通地漏或下水道", name_en: "Unclog a drain", pricing_unit: "visit", price: "80.00", onsite_pricing: "no" },
];

const twoItems: ChargeLineRequest[] = [
  { code: "MT-TAP", quantity: 2 },
  { code: "MT-DRAIN", quantity: 1 },
];

describe("a paid repair's Fixed? and receipt in the owner's bot", () => {
  let h: Harness;

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  /** The owner reported a repair; the technician did it and recorded two items. */
  async function paidRepairDone(owner: FakeUser, phone: string): Promise<void> {
    h = await createHarness({
      units: [unitRow({ ...englishOwnerRow, ...outOfWarranty }), unitRow({ unit: "0801", owner_name: "李丽", phone: chineseOwnerPhone, language: "zh-CN", ...outOfWarranty })],
    });
    await importPrices(h.workflow, standard.map((values, index) => ({ line: index + 2, values })));
    await verifyThroughBot(h, owner, phone);
    const ticket = await reportRepair(h.workflow, { ownerUserId: String(owner.id), category: "plumbing", description: "Kitchen tap drips", photos: [], publicArea: null, preferredTime: "Tomorrow" });
    const staff = { caseId: ticket.id, staffUserId: "UMAINT1" };
    await claimCase(h.workflow, staff);
    await proposeAppointment(h.workflow, { ...staff, at: new Date("2026-11-30T03:00:00Z") });
    await confirmAppointment(h.workflow, { ownerUserId: String(owner.id), caseId: ticket.id });
    await startWork(h.workflow, staff);
    await completeWork(h.workflow, { ...staff, chargeLines: twoItems });
    await deliverOwnerNotices(h);
  }

  it("the English owner reads the items and the total under Yes / No, and Yes brings the receipt", async () => {
    await paidRepairDone(englishOwner, englishOwnerPhone);

    expect(h.lastText(englishOwner)).toBe(
      "The work on your request R-2026-000001 is finished. This is a paid repair (not under warranty); the items done, from the maintenance price standard:\n" +
        "Replace a tap × 2: ¥60.00\nUnclog a drain × 1: ¥80.00\nTotal: ¥140.00\n" +
        "Is the problem fixed? Yes accepts the work and the fee: you will receive the receipt here.",
    );
    await h.press(englishOwner, "👍 Yes, fixed");
    await deliverOwnerNotices(h);

    expect(h.lastText(englishOwner)).toBe(
      "Receipt RC-2026-000001 for R-2026-000001, issued Mon, Nov 30, 10:00:\nReplace a tap × 2: ¥60.00\nUnclog a drain × 1: ¥80.00\nTotal: ¥140.00\nThank you. Please keep this receipt.",
    );
  });

  it("the Chinese owner reads them in Chinese", async () => {
    await paidRepairDone(chineseOwner, chineseOwnerPhone);

    expect(h.lastText(chineseOwner)).toContain("更换水龙头 × 2: ¥60.00\n疏通地漏或下水道 × 1: ¥80.00\n合计：¥140.00");
    await h.press(chineseOwner, "👍 已修好");
    await deliverOwnerNotices(h);

    expect(h.lastText(chineseOwner)).toMatch(/^【收据】RC-2026-000001（工单 R-2026-000001）/);
    expect(h.lastText(chineseOwner)).toContain("合计：¥140.00");
  });
});
