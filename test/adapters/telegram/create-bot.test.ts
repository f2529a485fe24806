import { afterEach, describe, expect, it } from "vitest";
import { ownerBotDeps } from "../../../src/adapters/telegram/create-bot.js";
import { repairTelegramKind } from "../../../src/adapters/telegram/kinds/repair/index.js";
import { reportRepair } from "../../../src/core/kinds/repair/use-cases/report-repair.js";
import { commandUpdate, photoUpdate, textMessageUpdate } from "../../../src/testing/index.js";
import { createHarness, englishOwner, englishOwnerPhone, verifyThroughBot, type Harness } from "./telegram-harness.js";
import { failingStore } from "../../support/failing-store.js";

/** A store whose phone lookup fails the way a real driver does: with the query's value in the message. */
const failingPhoneLookup = failingStore("residents", "findByPhone", (_call, [phone]) => new Error(`connection reset while reading residents where phone = ${String(phone)}`));

describe("the owners' bot as a whole", () => {
  let h: Harness;

  afterEach(async () => {
    expect(h.missingKeys).toEqual([]);
    await h.close();
  });

  it("answers an unexpected failure politely and logs it with context but without the phone number", async () => {
    h = await createHarness({ botStore: failingPhoneLookup });
    await h.command(englishOwner, "start");
    await h.contact(englishOwner, englishOwnerPhone);

    expect(h.lastText(englishOwner)).toBe("Sorry, something went wrong on our side. Please try again in a moment.");
    expect(h.logs).toContainEqual(
      expect.objectContaining({ level: 50, msg: "owner update failed", updateType: "message", chatId: englishOwner.id, error: expect.objectContaining({ message: expect.stringContaining("[redacted]") }) }),
    );
    expect(h.rawLogs.join("\n")).not.toContain("13800000001");
  });

  it("discards unreadable or outdated conversation state and answers normally instead of failing every update", async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    await h.store.transaction((store) => store.keyValues.set("telegram:conversation:7001", "{not json"));
    await h.command(englishOwner, "repair");
    expect(h.lastText(englishOwner)).toBe("What needs repairing?");
    expect(h.logs).toContainEqual(expect.objectContaining({ level: 40, msg: "unreadable conversation state discarded" }));

    const stored = JSON.parse(h.store.snapshot().keyValues["telegram:conversation:7001"] ?? "{}") as { version: [number, string] };
    stored.version = [stored.version[0], "owner-0"];
    await h.store.transaction((store) => store.keyValues.set("telegram:conversation:7001", JSON.stringify(stored)));
    await h.command(englishOwner, "repair");
    expect(h.texts(englishOwner).filter((text) => text === "What needs repairing?")).toHaveLength(2);
  });

  it("refuses, when the bot is built, a Telegram kind module for a kind the workflow does not handle, and two modules for one kind", async () => {
    h = await createHarness();
    const parcel = { ...repairTelegramKind, kind: "parcel", command: "parcel" };

    expect(() => ownerBotDeps(h.deps, [repairTelegramKind, parcel])).toThrow(/parcel/);
    expect(() => ownerBotDeps(h.deps, [repairTelegramKind, repairTelegramKind])).toThrow(/share kind repair/);
  });

  it("ignores group chats: owners' data is only ever exchanged in private", async () => {
    h = await createHarness();
    await h.handle(commandUpdate({ user: englishOwner, chatId: -100500, command: "start" }));

    expect(h.telegram.callsOf("sendMessage")).toEqual([]);
    expect(h.store.snapshot().identities).toEqual([]);
  });

  it("lists the owner's requests with number, category and status under /mine", async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    const base = { ownerUserId: "7001", photos: [], publicArea: null, preferredTime: "Weekend" };
    await reportRepair(h.workflow, { ...base, category: "water_leak", description: "Ceiling leak in bathroom" });
    h.time.set("2026-11-30T05:30:00Z");
    await reportRepair(h.workflow, { ...base, category: "electrical", description: "Socket sparks" });

    await h.command(englishOwner, "mine");

    expect(h.lastText(englishOwner)).toBe(
      [
        "Your latest requests (2):",
        "R-2026-000002 · Electrical\nStatus: New\nReported: Mon, Nov 30, 13:30",
        "R-2026-000001 · Water leak\nStatus: New\nReported: Mon, Nov 30, 10:00",
      ].join("\n\n"),
    );
  });

  it("handles one chat's concurrent updates in order, so a conversation step is never overwritten", async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    await h.command(englishOwner, "repair");
    await h.press(englishOwner, "Plumbing");

    await Promise.all([
      h.handle(textMessageUpdate({ user: englishOwner, text: "Shower drain blocked" })),
      h.handle(photoUpdate({ user: englishOwner, fileIds: ["drain-small", "drain"] })),
    ]);
    await h.press(englishOwner, "✅ Done");
    await h.press(englishOwner, "🏠 My home: Building 3, unit 1202");
    await h.press(englishOwner, "This afternoon");
    await h.press(englishOwner, "✅ Submit");

    expect(h.store.snapshot().cases[0]).toMatchObject({ details: { description: "Shower drain blocked", photos: ["drain"] } });
  });
});
