import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Bot, GrammyError, InlineKeyboard, InputFile } from "grammy";
import {
  callbackQueryUpdate,
  commandUpdate,
  contactUpdate,
  emptyTelegramSnapshot,
  photoUpdate,
  startFakeTelegram,
  textMessageUpdate,
} from "../../src/testing/index.js";
import type { FakeTelegram, FakeUser } from "../../src/testing/index.js";

const TOKEN = "123456:TEST-token";
const owner: FakeUser = { id: 5_550_001, first_name: "Olga", language_code: "ru" };

async function failure(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GrammyError)) throw new Error(`expected a GrammyError, got ${String(error)}`);
  return error;
}

describe("fake Telegram Bot API driven by a real grammY bot", () => {
  let telegram: FakeTelegram;
  let bot: Bot;

  beforeEach(async () => {
    telegram = await startFakeTelegram({ token: TOKEN });
    bot = new Bot(TOKEN, { botInfo: telegram.botInfo, client: { apiRoot: telegram.apiRoot } });
  });

  afterEach(async () => {
    if (bot.isRunning()) await bot.stop();
    await telegram.close();
  });

  it("shows a sent message in the chat and replaces its text and keyboard after an edit", async () => {
    const keyboard = new InlineKeyboard().text("Approve", "approve:1");
    const sent = await bot.api.sendMessage(owner.id, "<b>Meter</b> reading due", {
      parse_mode: "HTML",
      reply_markup: keyboard,
    });

    expect(sent).toMatchObject({
      message_id: 1,
      chat: { id: owner.id, type: "private" },
      from: { is_bot: true, id: telegram.botInfo.id },
      text: "Meter reading due",
    });
    expect(telegram.chat(owner.id)).toEqual([
      expect.objectContaining({ text: "Meter reading due", reply_markup: keyboard }),
    ]);

    const edited = await bot.api.editMessageText(owner.id, sent.message_id, "Reading received");

    expect(edited).toMatchObject({ text: "Reading received", edit_date: expect.any(Number) });
    const [shown] = telegram.chat(owner.id);
    expect(shown?.text).toBe("Reading received");
    expect(shown?.reply_markup).toBeUndefined();
    expect(telegram.callsOf("editMessageText")[0]?.payload).toMatchObject({ chat_id: owner.id, message_id: 1 });
  });

  it("numbers bot messages per chat and removes deleted ones", async () => {
    const first = await bot.api.sendMessage(owner.id, "one");
    const second = await bot.api.sendMessage(owner.id, "two");
    const elsewhere = await bot.api.sendMessage(777, "other chat");
    await bot.api.deleteMessage(owner.id, first.message_id);

    expect([first.message_id, second.message_id, elsewhere.message_id]).toEqual([1, 2, 1]);
    expect(telegram.chat(owner.id).map((m) => m.text)).toEqual(["two"]);
  });

  it("rejects an identical edit with Telegram's 'message is not modified' error", async () => {
    const sent = await bot.api.sendMessage(owner.id, "same");

    const error = await failure(bot.api.editMessageText(owner.id, sent.message_id, "same"));

    expect(error.error_code).toBe(400);
    expect(error.description).toMatch(/^Bad Request: message is not modified/);
  });

  it("shows parsed formatting and rejects text or buttons Telegram would refuse", async () => {
    await bot.api.sendMessage(owner.id, "Rent &lt; 5 days <i>late</i>", { parse_mode: "HTML" });
    await bot.api.sendMessage(owner.id, "*Paid* 12\\.5 EUR", { parse_mode: "MarkdownV2" });
    const html = await failure(bot.api.sendMessage(owner.id, "rent < 5 days late", { parse_mode: "HTML" }));
    const markdown = await failure(bot.api.sendMessage(owner.id, "Paid 12.5", { parse_mode: "MarkdownV2" }));
    const longData = new InlineKeyboard().text("x", "d".repeat(65));
    const button = await failure(bot.api.sendMessage(owner.id, "x", { reply_markup: longData }));

    expect(telegram.chat(owner.id).map((m) => m.text)).toEqual(["Rent < 5 days late", "Paid 12.5 EUR"]);
    expect(html.description).toMatch(/^Bad Request: can't parse entities: Unsupported start tag/);
    expect(markdown.description).toMatch(/^Bad Request: can't parse entities: Character '\.' is reserved/);
    expect(button.description).toBe("Bad Request: BUTTON_DATA_INVALID");
  });

  it("answers an injected 429 with retry_after so grammY throws a GrammyError carrying it", async () => {
    telegram.failNext("sendMessage", { status: 429, retryAfter: 3 });

    const error = await failure(bot.api.sendMessage(owner.id, "hi"));

    expect(error).toMatchObject({
      error_code: 429,
      description: "Too Many Requests: retry after 3",
      parameters: { retry_after: 3 },
    });
    expect(telegram.chat(owner.id)).toEqual([]);
    await expect(bot.api.sendMessage(owner.id, "hi")).resolves.toMatchObject({ text: "hi" });
  });

  it("answers an injected 403 like a user who blocked the bot", async () => {
    telegram.failNext("sendMessage", { status: 403 });

    const error = await failure(bot.api.sendMessage(owner.id, "hi"));

    expect(error).toMatchObject({ error_code: 403, description: "Forbidden: bot was blocked by the user" });
  });

  it("rejects calls made with a different token as Unauthorized", async () => {
    const stranger = new Bot("999:other", { botInfo: telegram.botInfo, client: { apiRoot: telegram.apiRoot } });

    expect(await failure(stranger.api.getMe())).toMatchObject({ error_code: 401, description: "Unauthorized" });
  });

  it("accepts multipart uploads and records their non-file fields decoded", async () => {
    const photo = new InputFile(Buffer.from("jpeg-bytes"), "meter.jpg");

    const sent = await bot.api.sendPhoto(owner.id, photo, {
      caption: "Meter 42",
      reply_markup: new InlineKeyboard().text("OK", "ok"),
    });

    const [call] = telegram.callsOf("sendPhoto");
    expect(call?.payload).toMatchObject({
      chat_id: owner.id,
      caption: "Meter 42",
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
    });
    expect(call?.files).toEqual([expect.objectContaining({ filename: "meter.jpg", size: 10 })]);
    expect(sent.photo?.length).toBe(3);
    expect(telegram.chat(owner.id)[0]?.caption).toBe("Meter 42");
  });

  it("serves getFile paths that can be downloaded from the file endpoint", async () => {
    telegram.setFileContent("AgAC-photo", "raw-bytes");

    const file = await bot.api.getFile("AgAC-photo");
    const response = await fetch(`${telegram.apiRoot}/file/bot${TOKEN}/${file.file_path ?? ""}`);

    expect(file.file_path).toMatch(/^photos\/file_\d+\.jpg$/);
    expect(await response.text()).toBe("raw-bytes");
  });

  it("delivers a pushed update to a long-polling bot and lets bot.stop() end the poll", async () => {
    const received: string[] = [];
    bot.on("message:text", async (ctx) => {
      received.push(ctx.message.text);
      await ctx.reply(`echo: ${ctx.message.text}`);
    });
    const polling = bot.start({ timeout: 30 });
    await telegram.waitForCall("deleteWebhook");

    telegram.pushUpdate(textMessageUpdate({ user: owner, text: "hello" }));
    await telegram.waitForCall("sendMessage");
    const started = Date.now();
    await bot.stop();
    await polling;

    expect(received).toEqual(["hello"]);
    expect(telegram.chat(owner.id).map((m) => [m.message_id, m.text])).toEqual([[2, "echo: hello"]]);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(telegram.callsOf("getUpdates").at(-1)?.payload).toMatchObject({ offset: expect.any(Number), limit: 1 });
  });

  it("returns an empty batch when a long poll times out and keeps updates until confirmed by offset", async () => {
    const started = Date.now();
    expect(await bot.api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const update = commandUpdate({ user: owner, command: "start", args: "invite-7" });
    telegram.pushUpdate(update);

    expect(await bot.api.getUpdates({ offset: 0 })).toHaveLength(1);
    expect(await bot.api.getUpdates({ offset: update.update_id + 1 })).toEqual([]);
  });

  it("ends the earlier of two concurrent long polls with 409 Conflict, as Telegram does", async () => {
    const first = failure(bot.api.getUpdates({ timeout: 30 }));
    await vi.waitFor(() => expect(telegram.callsOf("getUpdates")).toHaveLength(1));

    await expect(bot.api.getUpdates({ timeout: 0 })).resolves.toEqual([]);

    expect(await first).toMatchObject({ error_code: 409, description: expect.stringMatching(/^Conflict: terminated/) });
  });

  it("shows the reply keyboard until a message removes it", async () => {
    await bot.api.sendMessage(owner.id, "Share your phone", {
      reply_markup: { keyboard: [[{ text: "Share", request_contact: true }]], one_time_keyboard: true },
    });
    expect(telegram.replyKeyboard(owner.id)?.keyboard[0]?.[0]).toMatchObject({ request_contact: true });

    await bot.api.sendMessage(owner.id, "Thanks", { reply_markup: { remove_keyboard: true } });

    expect(telegram.replyKeyboard(owner.id)).toBeUndefined();
  });

  it("ends a pending long poll promptly on close()", async () => {
    const poll = bot.api.getUpdates({ timeout: 30 });
    await vi.waitFor(() => expect(telegram.callsOf("getUpdates")).toHaveLength(1));
    const started = Date.now();

    await telegram.close();

    await expect(poll).resolves.toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("streams every answered call to 'call' listeners, unknown methods included", async () => {
    const seen: string[] = [];
    telegram.on("call", (call) => seen.push(`${call.method}:${call.response?.status ?? "?"}`));

    await bot.api.raw.setMyName({ name: "Desk" });
    await bot.api.setMyCommands([{ command: "start", description: "Start" }]);

    expect(seen).toEqual(["setMyName:200", "setMyCommands:200"]);
  });

  it("restores a snapshot into another fake: the same messages and keyboard, and ids that continue after them", async () => {
    await bot.api.sendMessage(owner.id, "Welcome", { reply_markup: { keyboard: [[{ text: "Share", request_contact: true }]] } });
    await bot.api.sendMessage(owner.id, "Pick one", { reply_markup: new InlineKeyboard().text("A", "a") });
    const snapshot = JSON.parse(JSON.stringify(telegram.snapshot())) as ReturnType<FakeTelegram["snapshot"]>;

    const other = await startFakeTelegram({ token: TOKEN });
    try {
      other.restore(snapshot);
      const api = new Bot(TOKEN, { botInfo: other.botInfo, client: { apiRoot: other.apiRoot } }).api;
      const next = await api.sendMessage(owner.id, "After the restart");

      expect(next.message_id).toBe(3);
      expect(other.chat(owner.id).map((m) => m.text)).toEqual(["Welcome", "Pick one", "After the restart"]);
      expect(other.replyKeyboard(owner.id)?.keyboard[0]?.[0]).toMatchObject({ request_contact: true });
      other.restore(emptyTelegramSnapshot);
      expect(other.chat(owner.id)).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe("Telegram's overall message limit, when the fake enforces it", () => {
  it("refuses the 31st message within a second with 429 and retry_after, and takes messages again a second later", async () => {
    const telegram = await startFakeTelegram({ token: TOKEN, messagesPerSecond: 30 });
    try {
      const api = new Bot(TOKEN, { botInfo: telegram.botInfo, client: { apiRoot: telegram.apiRoot } }).api;
      const started = Date.now();
      for (let n = 0; n < 30; n++) await api.sendMessage(5_560_000 + n, `notice ${n}`);
      const refused = await failure(api.sendMessage(owner.id, "one too many"));
      const within = Date.now() - started < 1000;

      expect(within).toBe(true);
      expect(refused).toMatchObject({ error_code: 429, parameters: { retry_after: 1 } });
      expect(telegram.chat(owner.id)).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await api.sendMessage(owner.id, "after the wait");
      expect(telegram.chat(owner.id).map((m) => m.text)).toEqual(["after the wait"]);
    } finally {
      await telegram.close();
    }
  });

  it("is not enforced unless asked for", async () => {
    const telegram = await startFakeTelegram({ token: TOKEN });
    try {
      const api = new Bot(TOKEN, { botInfo: telegram.botInfo, client: { apiRoot: telegram.apiRoot } }).api;
      for (let n = 0; n < 40; n++) await api.sendMessage(owner.id, `notice ${n}`);
      expect(telegram.chat(owner.id)).toHaveLength(40);
    } finally {
      await telegram.close();
    }
  });
});

describe("a forced rate-limit window (a 429 storm)", () => {
  it("refuses every call on the fake's clock with the seconds left as retry_after, stamps calls on that clock, and takes calls again once it has passed", async () => {
    let nowMs = Date.parse("2026-12-02T02:00:00Z");
    const telegram = await startFakeTelegram({ token: TOKEN, clock: () => nowMs });
    try {
      const api = new Bot(TOKEN, { botInfo: telegram.botInfo, client: { apiRoot: telegram.apiRoot } }).api;
      await api.sendMessage(owner.id, "before the storm");
      const window = telegram.rateLimitFor(30);
      const first = await failure(api.sendMessage(owner.id, "refused at once"));
      nowMs += 12_500;
      const later = await failure(api.answerCallbackQuery("query-1"));
      nowMs = window.endMs;
      await api.sendMessage(owner.id, "after the storm");

      expect(window.endMs - window.startMs).toBe(30_000);
      expect(first).toMatchObject({ error_code: 429, parameters: { retry_after: 30 } });
      expect(later).toMatchObject({ error_code: 429, parameters: { retry_after: 18 } });
      expect(telegram.calls.map((call) => call.at)).toEqual([window.startMs, window.startMs, window.startMs + 12_500, window.endMs]);
      expect(telegram.chat(owner.id).map((m) => m.text)).toEqual(["before the storm", "after the storm"]);
    } finally {
      await telegram.close();
    }
  });
});

describe("update ids the fake hands out", () => {
  it("keep increasing after a snapshot is restored into a fake of another process, as Telegram's do", async () => {
    const before = await startFakeTelegram({ token: TOKEN });
    const after = await startFakeTelegram({ token: TOKEN });
    try {
      const first = before.nextUpdateId();
      before.pushUpdate(textMessageUpdate({ user: owner, text: "hello", updateId: before.nextUpdateId() }));
      const snapshot = JSON.parse(JSON.stringify(before.snapshot())) as ReturnType<FakeTelegram["snapshot"]>;

      after.restore(snapshot);

      expect(after.nextUpdateId()).toBeGreaterThan(first + 1);
    } finally {
      await Promise.all([before.close(), after.close()]);
    }
  });

  it("start above any id a fake handed out seconds earlier, even one whose snapshot was never saved", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: Date.parse("2026-12-01T02:00:00Z") });
    const earlier = await startFakeTelegram({ token: TOKEN });
    const handedOut = [earlier.nextUpdateId(), earlier.nextUpdateId(), earlier.nextUpdateId()].at(-1) ?? 0;
    await earlier.close();
    vi.setSystemTime(Date.parse("2026-12-01T02:00:05Z"));
    const later = await startFakeTelegram({ token: TOKEN });
    vi.useRealTimers();
    try {
      later.restore(emptyTelegramSnapshot);

      expect(later.nextUpdateId()).toBeGreaterThan(handedOut);
      expect(later.nextUpdateId()).toBeLessThan(2 ** 31);
    } finally {
      await later.close();
    }
  });
});

describe("Telegram update builders", () => {
  it("build realistic private-chat updates with increasing update ids", () => {
    const text = textMessageUpdate({ user: owner, text: "hi" });
    const command = commandUpdate({ user: owner, command: "/start", args: "abc" });
    const contact = contactUpdate({ user: owner, phone: "+79990001122" });
    const photo = photoUpdate({ user: owner, fileIds: ["small", "large"], caption: "meter" });

    expect(command.update_id).toBeGreaterThan(text.update_id);
    expect(text.message).toMatchObject({
      from: { id: owner.id, is_bot: false, first_name: "Olga", language_code: "ru" },
      chat: { id: owner.id, type: "private", first_name: "Olga" },
      date: expect.any(Number),
    });
    expect(command.message).toMatchObject({
      text: "/start abc",
      entities: [{ type: "bot_command", offset: 0, length: 6 }],
    });
    expect(contact.message?.contact).toEqual({ phone_number: "+79990001122", first_name: "Olga", user_id: owner.id });
    expect(photo.message?.photo?.map((p) => p.file_id)).toEqual(["small", "large"]);
    expect(photo.message?.caption).toBe("meter");
  });

  it("build a callback query that a grammY handler answers and uses to edit the pressed message", async () => {
    const telegram = await startFakeTelegram();
    try {
      const bot = new Bot(TOKEN, { botInfo: telegram.botInfo, client: { apiRoot: telegram.apiRoot } });
      const answered: string[] = [];
      bot.callbackQuery(/^approve:(\d+)$/, async (ctx) => {
        answered.push(ctx.match[1] ?? "");
        await ctx.answerCallbackQuery();
        await ctx.editMessageText("Approved");
      });
      const keyboard = new InlineKeyboard().text("Yes", "approve:9");
      await bot.api.sendMessage(owner.id, "Approve?", { reply_markup: keyboard });
      const [message] = telegram.chat(owner.id);
      if (message === undefined) throw new Error("no message shown");

      await bot.handleUpdate(callbackQueryUpdate({ user: owner, data: "approve:9", message }));

      expect(answered).toEqual(["9"]);
      expect(telegram.callsOf("answerCallbackQuery")).toHaveLength(1);
      expect(telegram.chat(owner.id)).toEqual([expect.objectContaining({ text: "Approved" })]);
    } finally {
      await telegram.close();
    }
  });
});
