import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RepairCase } from "../../../src/core/kinds/repair/details.js";
import { commandUpdate, textMessageUpdate } from "../../../src/testing/index.js";
import {
  chineseOwner,
  chineseOwnerPhone,
  createHarness,
  englishOwner,
  englishOwnerPhone,
  englishOwnerRow,
  verifyThroughBot,
  type Harness,
} from "./telegram-harness.js";
import { failingStore } from "../../support/failing-store.js";
import { unitRow } from "../../support/workflow-fixture.js";

/** A store whose first case insert fails as a dropped connection would, naming the values it carried. */
const ticketInsertFailingOnce = failingStore("cases", "create", (call) =>
  call === 1 ? new Error(`connection reset while inserting a ticket reported from ${englishOwnerPhone}`) : null,
);

describe("the repair conversation", () => {
  let h: Harness;

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  describe("for an owner of one unit in warranty", () => {
    beforeEach(async () => {
      h = await createHarness();
      await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    });

    it("walks category, description, two photos, location and time, then files the ticket and gives its number", async () => {
      await h.command(englishOwner, "repair");
      await h.press(englishOwner, "Water leak");
      await h.text(englishOwner, "Water drips from the bathroom ceiling");
      await h.photo(englishOwner, "photo-ceiling-1");
      await h.photo(englishOwner, "photo-ceiling-2");
      await h.press(englishOwner, "✅ Done");
      await h.press(englishOwner, "🏠 My home: Building 3, unit 1202");
      await h.press(englishOwner, "Tomorrow morning");

      const summary = h.lastText(englishOwner);
      expect(summary).toContain("Category: Water leak");
      expect(summary).toContain("Photos: 2");
      expect(summary).toContain("Preferred visit: Morning, Tue, Dec 1");
      expect(summary).toContain("Charge: Free (in warranty)");
      expect(summary).not.toContain("paid service");

      await h.press(englishOwner, "✅ Submit");

      const [ticket] = h.store.snapshot().cases;
      expect(ticket).toMatchObject({
        number: "R-2026-000001",
        details: {
          category: "water_leak",
          description: "Water drips from the bathroom ceiling",
          photos: ["photo-ceiling-1", "photo-ceiling-2"],
          publicArea: null,
          preferredTime: "slot:tomorrow_am:2026-12-01",
          billing: "warranty",
        },
        reporterUserId: "7001",
        status: "new",
      });
      expect(h.lastText(englishOwner)).toBe("Your repair request has been submitted. Ticket number: R-2026-000001. We will keep you updated here.");
      expect(h.replyKeyboardLabels(englishOwner)[0]).toBe("🛠 Report a repair");
      expect(h.store.snapshot().keyValues).toEqual({});
    });

    it("starts from the main-menu button too, and removes each answered step's buttons", async () => {
      await h.text(englishOwner, "🛠 Report a repair");
      await h.press(englishOwner, "Plumbing");

      const categoryPrompt = h.telegram.chat(englishOwner.id).find((message) => message.text?.startsWith("What needs repairing?"));
      expect(categoryPrompt?.text).toBe("What needs repairing?\n\n✓ Plumbing");
      expect(categoryPrompt?.reply_markup).toBeUndefined();
      expect(h.telegram.callsOf("answerCallbackQuery")).toHaveLength(1);
    });

    it("takes a typed visit time and a public-area location", async () => {
      await h.command(englishOwner, "repair");
      await h.press(englishOwner, "Public area");
      await h.text(englishOwner, "Lobby light flickers");
      await h.press(englishOwner, "Skip");
      await h.press(englishOwner, "🏢 Public area");
      await h.text(englishOwner, "Lobby of building 3");
      await h.text(englishOwner, "Any weekday after 6 pm");
      await h.press(englishOwner, "✅ Submit");

      expect(h.store.snapshot().cases[0]).toMatchObject({ details: { category: "public_area", photos: [], publicArea: "Lobby of building 3", preferredTime: "Any weekday after 6 pm" } });
    });

    it("lets the owner edit one step from the summary and keeps the other answers", async () => {
      await h.command(englishOwner, "repair");
      await h.press(englishOwner, "Electrical");
      await h.text(englishOwner, "Socket sparks");
      await h.press(englishOwner, "Skip");
      await h.press(englishOwner, "🏠 My home: Building 3, unit 1202");
      await h.press(englishOwner, "Weekend");
      await h.press(englishOwner, "✏️ Edit");
      await h.press(englishOwner, "Description");
      await h.text(englishOwner, "Kitchen socket sparks when used");
      await h.press(englishOwner, "✅ Submit");

      expect(h.store.snapshot().cases[0]).toMatchObject({ details: { category: "electrical", description: "Kitchen socket sparks when used", preferredTime: "slot:weekend:2026-12-05" } });
    });

    it("leaves the conversation on /cancel at any step, says so, and files nothing", async () => {
      await h.command(englishOwner, "repair");
      await h.press(englishOwner, "Doors and windows");
      await h.text(englishOwner, "Balcony door does not close");
      await h.command(englishOwner, "cancel");

      expect(h.lastText(englishOwner)).toBe("Stopped. Nothing more will be submitted.");
      expect(h.store.snapshot().keyValues).toEqual({});
      await h.photo(englishOwner, "late-photo");
      expect(h.store.snapshot().cases).toEqual([]);
      expect(h.lastText(englishOwner)).toMatch(/^Sorry, I did not understand that/);
    });

    it("cancels from the summary's Cancel button", async () => {
      await h.command(englishOwner, "repair");
      await h.press(englishOwner, "Other");
      await h.text(englishOwner, "Mailbox lock broken");
      await h.press(englishOwner, "Skip");
      await h.press(englishOwner, "🏠 My home: Building 3, unit 1202");
      await h.press(englishOwner, "This afternoon");
      await h.press(englishOwner, "✖️ Cancel");

      expect(h.lastText(englishOwner)).toBe("Repair request cancelled. Nothing was submitted.");
      expect(h.store.snapshot().cases).toEqual([]);
    });

    it("continues after a restart mid-conversation: a new bot over the same database loses nothing", async () => {
      await h.command(englishOwner, "repair");
      await h.press(englishOwner, "Plumbing");
      await h.text(englishOwner, "Kitchen tap drips all night");
      await h.photo(englishOwner, "photo-tap");
      expect(Object.keys(h.store.snapshot().keyValues)).toEqual(["telegram:conversation:7001"]);

      const restarted = h.newBot();
      await h.handle(textMessageUpdate({ user: englishOwner, text: "ignored: photos step wants a photo" }), restarted);
      await h.press(englishOwner, "✅ Done", restarted);
      await h.press(englishOwner, "🏠 My home: Building 3, unit 1202", restarted);
      await h.press(englishOwner, "Tomorrow afternoon", restarted);
      await h.press(englishOwner, "✅ Submit", restarted);

      expect(h.store.snapshot().cases[0]).toMatchObject({ details: { category: "plumbing", description: "Kitchen tap drips all night", photos: ["photo-tap"], preferredTime: "slot:tomorrow_pm:2026-12-01" } });
      expect(h.texts(englishOwner).filter((text) => text.startsWith("What needs repairing?"))).toHaveLength(1);
    });

    it("lets 'My requests' work mid-conversation and then carries on at the same step", async () => {
      await h.command(englishOwner, "repair");
      await h.press(englishOwner, "Plumbing");
      await h.command(englishOwner, "mine");
      expect(h.lastText(englishOwner)).toMatch(/^You have no requests yet/);

      await h.text(englishOwner, "Toilet keeps running");
      expect(h.lastText(englishOwner)).toMatch(/^Send photos of the problem/);
    });

    it("handles a repeated update_id once", async () => {
      await h.command(englishOwner, "repair");
      const update = textMessageUpdate({ user: englishOwner, text: "hello" });
      await h.handle(commandUpdate({ user: englishOwner, command: "cancel" }));
      await h.handle(update);
      const after = h.texts(englishOwner).length;
      await h.handle(update);

      expect(h.texts(englishOwner)).toHaveLength(after);
      expect(h.logs).toContainEqual(expect.objectContaining({ updateId: update.update_id, msg: "repeated telegram update dropped" }));
    });
  });

  it("tells an owner whose unit is out of warranty, before submitting, that the repair is paid", async () => {
    h = await createHarness({ units: [unitRow({ ...englishOwnerRow, handover_date: "2020-01-01", warranty_months: "24" })] });
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    await h.command(englishOwner, "repair");
    await h.press(englishOwner, "Plumbing");
    await h.text(englishOwner, "Pipe under the sink leaks");
    await h.press(englishOwner, "Skip");
    await h.press(englishOwner, "🏠 My home: Building 3, unit 1202");
    await h.press(englishOwner, "Tomorrow morning");

    const summary = h.lastText(englishOwner);
    expect(summary).toContain("Charge: Paid service");
    expect(summary).toContain("past its warranty period, so this repair is a paid service charged according to the maintenance price standard");
    await h.press(englishOwner, "✅ Submit");
    expect((h.store.snapshot().cases[0] as RepairCase | undefined)?.details.billing).toBe("paid");
  });

  it("lets an owner of several units choose which one, in Chinese", async () => {
    h = await createHarness({
      units: [
        unitRow({ unit: "0801", owner_name: "李丽", phone: chineseOwnerPhone, language: "zh-CN" }),
        unitRow({ building: "5", unit: "0302", owner_name: "李丽", phone: chineseOwnerPhone, language: "zh-CN" }),
      ],
    });
    await verifyThroughBot(h, chineseOwner, chineseOwnerPhone);
    await h.command(chineseOwner, "repair");
    await h.press(chineseOwner, "门窗");
    await h.text(chineseOwner, "卧室窗户关不严");
    await h.press(chineseOwner, "跳过");
    expect(h.lastText(chineseOwner)).toBe("请问需要维修的位置在哪里？您名下登记了多套房屋，请选择其中一套。");
    await h.press(chineseOwner, "🏠 本户：5栋0302室");
    await h.press(chineseOwner, "明天上午");
    expect(h.lastText(chineseOwner)).toContain("期望上门时间：12月1日周二上午");
    await h.press(chineseOwner, "✅ 提交");

    const unit = h.store.snapshot().units.find((candidate) => candidate.building === "5");
    expect(h.store.snapshot().cases[0]).toMatchObject({ unitId: unit?.id, details: { category: "doors_windows" } });
    expect(h.lastText(chineseOwner)).toBe("报修已提交，工单号：R-2026-000001。后续进度会在这里通知您。");
  });

  it("keeps the draft when Submit fails on our side: the owner is asked to try again and the next Submit files it", async () => {
    h = await createHarness({ botStore: ticketInsertFailingOnce });
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    await h.command(englishOwner, "repair");
    await h.press(englishOwner, "Plumbing");
    await h.text(englishOwner, "Kitchen tap drips all night");
    await h.press(englishOwner, "Skip");
    await h.press(englishOwner, "🏠 My home: Building 3, unit 1202");
    await h.press(englishOwner, "Tomorrow morning");

    await h.press(englishOwner, "✅ Submit");

    expect(h.texts(englishOwner).at(-2)).toBe("Sorry, something went wrong on our side. Please try again in a moment.");
    expect(h.lastText(englishOwner)).toContain("Problem: Kitchen tap drips all night");
    expect(h.store.snapshot().cases).toEqual([]);
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 50, msg: "repair submission failed", conversation: "repair", chatId: englishOwner.id }));
    expect(h.rawLogs.join("\n")).not.toContain("13800000001");

    await h.press(englishOwner, "✅ Submit");

    expect(h.store.snapshot().cases).toEqual([expect.objectContaining({ details: expect.objectContaining({ description: "Kitchen tap drips all night" }), reporterUserId: "7001" })]);
    expect(h.lastText(englishOwner)).toBe("Your repair request has been submitted. Ticket number: R-2026-000001. We will keep you updated here.");
  });
});
