import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verificationCardBlocks } from "../../../src/adapters/slack/blocks/verification-card.js";
import { decideVerification } from "../../../src/core/use-cases/decide-verification.js";
import { importUnits } from "../../../src/core/use-cases/import-units.js";
import { unitRow } from "../../support/workflow-fixture.js";
import { englishText } from "../slack/staff-text.js";
import { createHarness, stranger, verifyThroughBot, type Harness } from "./telegram-harness.js";

const strangerPhone = "+7 900 000 0000";

describe("an owner not in the register names their flat", () => {
  let h: Harness;

  beforeEach(async () => {
    h = await createHarness({ units: [unitRow({ building: "3", unit: "1202" }), unitRow({ building: "5", unit: "0802", phone: "+8613800000009" })] });
    await verifyThroughBot(h, stranger, strangerPhone);
  });

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  it("the register's buildings are offered as buttons, and a pressed building goes on to the unit", async () => {
    const prompt = h.telegram.chat(stranger.id).at(-1);
    expect(h.buttonsOf(prompt).map((button) => button.text)).toEqual(["3栋", "5栋"]);

    await h.press(stranger, "5栋");
    await h.text(stranger, "0802");

    expect(h.lastText(stranger)).toBe("已提交！您登记的 5 栋 0802 室正在等待前台审核，审核结果会第一时间在这里通知您。");
  });

  for (const [building, unit] of [["5栋", "0802"], ["五栋", "802"], ["5号楼", "0802室"], ["5幢", "802室"], ["Building 5", "Room 0802"], ["５栋", "０８０２"]] as const) {
    it(`"${building}" and "${unit}" are understood as the register's building 5, unit 0802`, async () => {
      await h.text(stranger, building);
      expect(h.lastText(stranger)).toBe("请输入您在 5 栋的房号（例如：1202）");
      await h.text(stranger, unit);

      expect(h.store.snapshot().verifications).toEqual([expect.objectContaining({ building: "5", unit: "0802", status: "pending" })]);
    });
  }

  it("after a failed try the owner may pass what they typed to the front desk, who get a verification card saying it is not in the register", async () => {
    await h.text(stranger, "7栋");
    await h.text(stranger, "0301");
    expect(h.lastText(stranger)).toBe("您可以重新输入地址，或把您填写的地址转交前台核实，核实结果会在这里通知您。");

    await h.press(stranger, "🙋 请前台帮我核实");

    expect(h.lastText(stranger)).toBe("已转交前台！前台将核实 7 栋 0301 室，结果会第一时间在这里通知您。");
    const [request] = h.store.snapshot().verifications;
    expect(request).toMatchObject({ building: "7", unit: "0301", unitId: null, status: "pending" });
    const { t, formatInstant } = englishText();
    const card = JSON.stringify(verificationCardBlocks(request!, null, t, formatInstant).blocks);
    expect(card).toContain("Unit as typed (not in the register)");
    expect(card).toContain("7-0301");
  });

  it("an address passed on is approved once the front desk has added the flat to the register, and not before", async () => {
    await h.text(stranger, "7栋");
    await h.text(stranger, "0301");
    await h.press(stranger, "🙋 请前台帮我核实");
    const [request] = h.store.snapshot().verifications;

    await expect(decideVerification(h.workflow, { verificationId: request!.id, staffUserId: "UFRONT1", approve: true })).rejects.toMatchObject({ code: "unit_not_found" });
    await importUnits(h.workflow, [{ line: 2, values: unitRow({ building: "7", unit: "0301", phone: "+8613800000077" }) }]);
    const approved = await decideVerification(h.workflow, { verificationId: request!.id, staffUserId: "UFRONT1", approve: true });

    expect(approved).toMatchObject({ status: "approved", unitId: expect.any(String) });
    expect(h.store.snapshot().identities.find((identity) => identity.ownerUserId === String(stranger.id))).toMatchObject({ verified: true });
  });

  it("after the last failed try only the front desk is offered, never a dead end", async () => {
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await h.text(stranger, "9");
      await h.text(stranger, "101");
      if (attempt < 3) await h.press(stranger, "✏️ 重新输入");
    }

    const last = h.telegram.chat(stranger.id).at(-1);
    expect(last?.text).toBe("仍未找到该房号。您可以把填写的地址转交前台核实，核实结果会在这里通知您。");
    expect(h.buttonsOf(last).map((button) => button.text)).toEqual(["🙋 请前台帮我核实"]);
  });
});
