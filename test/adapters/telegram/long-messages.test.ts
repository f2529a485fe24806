import { Api } from "grammy";
import type { Message } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createI18nextTranslator } from "../../../src/adapters/i18n/i18next-translator.js";
import { cutMessageText, splitMessageText, telegramTextMaxLength } from "../../../src/adapters/telegram/message-parts.js";
import { memorySentParts, TelegramMessageSender } from "../../../src/adapters/telegram/telegram-message-sender.js";
import type { OutboxMessage } from "../../../src/core/domain/outbox.js";
import { productRegistry } from "../../../src/core/kinds/index.js";
import { RateLimitedError } from "../../../src/core/ports/message-sender.js";
import { startFakeTelegram, type FakeTelegram, type TelegramCall } from "../../../src/testing/index.js";
import { createHarness, englishOwner, englishOwnerPhone, localesDir, token, verifyThroughBot, type Harness } from "./telegram-harness.js";

const complaintId = "3f9c2b1e-8a4d-4c7e-9b2a-1d5e6f7a8b9c";
const ownerChat = "7001";

/** A staff answer of many numbered lines, each saying which line it is, so order and completeness show. */
function longAnswer(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `Line ${i + 1}: we checked the pipes of the building again and replaced the worn seals.`).join("\n");
}

function answerNotice(answer: string, id = "msg-long"): OutboxMessage {
  return {
    id,
    seq: 1,
    channel: "telegram",
    recipient: `telegram:${ownerChat}`,
    payload: {
      type: "owner.notice",
      chatId: ownerChat,
      locale: "en",
      key: "complaint.answer",
      params: { number: "C-2026-000007", answer },
      buttons: [
        { kind: "complaint", action: "verdict.resolved", caseId: complaintId },
        { kind: "complaint", action: "verdict.not_resolved", caseId: complaintId },
      ],
    },
    refKey: null,
    status: "sending",
    attempts: 0,
    notBefore: new Date(0),
    platformMessageId: null,
    lastError: null,
    createdAt: new Date("2026-11-30T02:00:00Z"),
  };
}

/** Fails the `n`th `sendMessage` from now (n ≥ 2) with a 429: listeners hear a call once answered, so the next one fails. */
function failNthSend(telegram: FakeTelegram, n: number, retryAfter = 1): void {
  let seen = 0;
  const listener = (call: TelegramCall) => {
    if (call.method !== "sendMessage") return;
    seen += 1;
    if (seen === n - 1) {
      telegram.failNext("sendMessage", { status: 429, retryAfter });
      telegram.off("call", listener);
    }
  };
  telegram.on("call", listener);
}

const buttonTexts = (message: Message | undefined) => message?.reply_markup?.inline_keyboard.flat().map((button) => button.text) ?? [];

describe("splitting a text longer than Telegram's 4096 characters", () => {
  it("keeps every part within the limit, breaks at line ends, and loses nothing but the breaking line breaks", () => {
    const text = longAnswer(200);
    const parts = splitMessageText(text);

    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(telegramTextMaxLength);
    expect(parts.join("\n")).toBe(text);
    for (const part of parts) expect(part).toMatch(/^Line \d+: .*seals\.$/s);
  });

  it("breaks a text without line breaks at a space, and one without spaces never inside an emoji", () => {
    const words = Array.from({ length: 1500 }, (_, i) => `word${i}`).join(" ");
    const wordParts = splitMessageText(words);
    expect(wordParts.join(" ")).toBe(words);
    for (const part of wordParts) expect(part).toMatch(/^word\d+( word\d+)*$/);

    const emoji = "😀".repeat(3000);
    const emojiParts = splitMessageText(emoji);
    expect(emojiParts.join("")).toBe(emoji);
    for (const part of emojiParts) {
      expect(part.length).toBeLessThanOrEqual(telegramTextMaxLength);
      expect(part).toMatch(/^(😀)+$/u);
    }
  });

  it("gives the same parts for the same text, and leaves a short text whole", () => {
    const text = longAnswer(150);
    expect(splitMessageText(text)).toEqual(splitMessageText(text));
    expect(splitMessageText("short")).toEqual(["short"]);
    expect(cutMessageText(text)).toHaveLength(cutMessageText(text).length);
    expect(cutMessageText(text).length).toBeLessThanOrEqual(telegramTextMaxLength);
    expect(cutMessageText(text).endsWith("…")).toBe(true);
  });
});

describe("an owner notice longer than 4096 characters, delivered by the outbox", () => {
  let telegram: FakeTelegram;
  let sender: TelegramMessageSender;

  beforeEach(async () => {
    telegram = await startFakeTelegram({ token });
    const translator = createI18nextTranslator({ localesDir, timeZone: "Asia/Shanghai", fallbackLocale: "zh-CN" });
    sender = new TelegramMessageSender(new Api(token, { apiRoot: telegram.apiRoot }), translator, productRegistry(), "Asia/Shanghai", memorySentParts());
  });

  afterEach(async () => {
    await telegram.close();
  });

  it("a long staff answer to a complaint reaches the owner as several messages in order, all of it, with the verdict buttons under the last only", async () => {
    const answer = longAnswer(120);
    const ref = await sender.send(answerNotice(answer), null);

    const chat = telegram.chat(ownerChat);
    expect(chat.length).toBeGreaterThanOrEqual(3);
    for (const message of chat) expect(message.text?.length ?? 0).toBeLessThanOrEqual(telegramTextMaxLength);
    const shown = chat.map((message) => message.text).join("\n");
    expect(shown).toBe(`The property service centre's answer to your complaint C-2026-000007: ${answer}`);
    expect(chat.slice(0, -1).every((message) => message.reply_markup === undefined)).toBe(true);
    expect(buttonTexts(chat.at(-1))).toHaveLength(2);
    expect(ref.messageId).toBe(String(chat.at(-1)?.message_id));
  });

  it("a 429 on the second part is retried without sending the first part again: the owner sees each part once", async () => {
    const notice = answerNotice(longAnswer(120));
    failNthSend(telegram, 2);

    await expect(sender.send(notice, null)).rejects.toBeInstanceOf(RateLimitedError);
    expect(telegram.chat(ownerChat)).toHaveLength(1);
    await sender.send(notice, null);

    const chat = telegram.chat(ownerChat);
    const texts = chat.map((message) => message.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.join("\n")).toContain("Line 120:");
    expect(texts.join("\n").match(/Line 1:/g)).toHaveLength(1);
    expect(buttonTexts(chat.at(-1))).toHaveLength(2);
  });

  it("another notice's parts are its own: a second long notice is sent whole", async () => {
    await sender.send(answerNotice(longAnswer(100), "msg-a"), null);
    const first = telegram.chat(ownerChat).length;
    await sender.send(answerNotice(longAnswer(100), "msg-b"), null);

    expect(telegram.chat(ownerChat)).toHaveLength(first * 2);
  });
});

describe("a reply longer than 4096 characters, sent straight from a handler", () => {
  let h: Harness;

  afterEach(async () => {
    await h.close();
  });

  it("the offer quoting an owner's 4096-character message goes as two messages, the Report button under the second", async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    const typed = `Water everywhere ${"and the ceiling drips ".repeat(190)}`.slice(0, 4096);
    const before = h.telegram.chat(englishOwner.id).length;

    await h.text(englishOwner, typed);

    const replies = h.telegram.chat(englishOwner.id).slice(before);
    expect(replies).toHaveLength(2);
    for (const reply of replies) expect(reply.text?.length ?? 0).toBeLessThanOrEqual(telegramTextMaxLength);
    expect(replies[0]?.reply_markup).toBeUndefined();
    expect(buttonTexts(replies[1])).toHaveLength(1);
    expect(replies.map((reply) => reply.text).join(" ")).toContain(typed.trim().split(" ").slice(-3).join(" "));
  });

  it("a 429 on the second part of a long reply retries that part alone", async () => {
    h = await createHarness();
    await verifyThroughBot(h, englishOwner, englishOwnerPhone);
    const typed = `Water everywhere ${"and the ceiling drips ".repeat(190)}`.slice(0, 4096);
    const before = h.telegram.chat(englishOwner.id).length;
    failNthSend(h.telegram, 2);

    await h.text(englishOwner, typed);

    const replies = h.telegram.chat(englishOwner.id).slice(before);
    expect(h.telegram.callsOf("sendMessage").filter((call) => call.response?.status === 429)).toHaveLength(1);
    expect(replies).toHaveLength(2);
    expect(replies[0]?.text).not.toBe(replies[1]?.text);
    expect(buttonTexts(replies[1])).toHaveLength(1);
  });
});
