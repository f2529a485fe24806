import type { InlineKeyboardButton, Message } from "grammy/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callbackQueryUpdate, photoUpdate } from "../../src/testing/telegram-updates.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../support/databases.js";
import { Harness, type OwnerPhone } from "../support/e2e-harness.js";

/** The newest message of the owner's chat with a button labelled `label`, and that button's data. */
function buttonOf(owner: OwnerPhone, label: string): { message: Message; data: string } {
  for (const message of [...owner.chat()].reverse()) {
    const button = ((message.reply_markup?.inline_keyboard ?? []).flat() as InlineKeyboardButton[]).find((candidate) => candidate.text === label);
    if (button && "callback_data" in button && button.callback_data !== undefined) return { message, data: button.callback_data };
  }
  throw new Error(`no button ${label} in the chat:\n${owner.texts().join("\n---\n")}`);
}

async function verified(h: Harness, owner: OwnerPhone, phone: string): Promise<void> {
  await owner.say("/start");
  await owner.shareOwnContact(phone);
  expect(owner.texts()).toContain(owner.t("owner:verify.verified"));
}

async function casesNumbered(h: Harness): Promise<string[]> {
  return h.app.ctx.uow.transaction(async (store) => {
    const found: string[] = [];
    for (const number of ["R-2026-000001", "R-2026-000002", "R-2026-000003"]) if (await store.cases.findByNumber(number)) found.push(number);
    return found;
  });
}

const kinds = [
  { kind: "sqlite" as const, skip: false, title: "two instances over one SQLite file" },
  { kind: "postgresql" as const, skip: !postgresTestUrl, title: postgresTestUrl ? "two instances over one PostgreSQL database" : `two instances over one PostgreSQL database SKIPPED: ${postgresSkipReason}` },
];

describe.each(kinds)("$title behind one webhook", ({ kind, skip }) => {
  let db: TestDatabase | undefined;
  let h: Harness;
  let second: string;

  beforeAll(async () => {
    if (skip) return;
    if (kind === "postgresql") db = await openTestDatabase("postgresql");
    h = await Harness.start({ ...(db ? { env: { DATABASE_URL: `${db.url}?schema=${db.schema as string}` } } : {}), logLevel: "info" });
    second = await h.another();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    await db?.cleanup();
  });

  it.skipIf(skip)("the repair's Submit delivered five times at once, to both instances, files one case and answers once", async () => {
    const owner = h.owner({ id: 9401, first_name: "Tom", language_code: "en" }, "en");
    await verified(h, owner, "8613900000002");
    await owner.say("/repair");
    await owner.press(owner.t("common:category.plumbing"));
    await owner.say("Kitchen tap drips all night");
    await owner.press(owner.t("owner:report.photos_skip"));
    await owner.press((text) => text.startsWith("🏠"));
    await owner.say("Tomorrow 9-11am");
    const submit = buttonOf(owner, owner.t("owner:report.summary.submit"));
    const update = callbackQueryUpdate({ user: owner.user, data: submit.data, message: submit.message });
    const shownBefore = owner.chat().length;
    const answersBefore = h.telegram.callsOf("answerCallbackQuery").length;

    const statuses = await Promise.all([h.url, second, h.url, second, h.url].map((url) => h.postUpdate(url, update)));
    await h.delivered();

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(await casesNumbered(h)).toEqual(["R-2026-000001"]);
    const shown = owner.chat().slice(shownBefore).map((message) => message.text ?? "");
    // The reply, then the outbox's notice of the case: each once.
    expect(shown).toEqual([
      owner.t("owner:report.submitted", { number: "R-2026-000001" }),
      expect.stringContaining("We have received your repair request R-2026-000001"),
    ]);
    expect(h.telegram.callsOf("answerCallbackQuery")).toHaveLength(answersBefore + 1);
    expect(h.logs().filter((line) => line.msg === "repeated telegram update dropped" && line.updateId === update.update_id)).toHaveLength(4);
  }, 60_000);

  it.skipIf(skip)("two photos of one conversation handled at once by the two instances are both kept: the second waits for the first, in order", async () => {
    const owner = h.owner({ id: 9402, first_name: "Fang", language_code: "en" }, "en");
    await verified(h, owner, "8613800000001");
    await owner.say("/repair");
    await owner.press(owner.t("common:category.plumbing"));
    await owner.say("The shower leaks behind the wall");
    const shownBefore = owner.chat().length;

    const statuses = await Promise.all([
      h.postUpdate(h.url, photoUpdate({ user: owner.user, fileIds: ["photo-a"] })),
      h.postUpdate(second, photoUpdate({ user: owner.user, fileIds: ["photo-b"] })),
    ]);
    await h.delivered();

    expect(statuses).toEqual([200, 200]);
    expect(owner.chat().slice(shownBefore).map((message) => message.text ?? "")).toEqual([
      owner.t("owner:report.photo_received", { count: 1 }),
      owner.t("owner:report.photo_received", { count: 2 }),
    ]);
    await owner.press(owner.t("owner:report.photos_done"));
    await owner.press((text) => text.startsWith("🏠"));
    await owner.say("Any time");
    expect(owner.lastText()).toContain(owner.t("owner:report.summary.photos", { count: 2 }));
  }, 60_000);
});
