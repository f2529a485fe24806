import { Api, GrammyError } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createI18nextTranslator } from "../../../src/adapters/i18n/i18next-translator.js";
import { decodeOwnerButton } from "../../../src/adapters/telegram/callback-data.js";
import { TelegramMessageSender } from "../../../src/adapters/telegram/telegram-message-sender.js";
import type { OutboxMessage, OutboxPayload } from "../../../src/core/domain/outbox.js";
import { productRegistry } from "../../../src/core/kinds/index.js";
import { PermanentDeliveryError, RateLimitedError } from "../../../src/core/ports/message-sender.js";
import { startFakeTelegram, type FakeTelegram } from "../../../src/testing/index.js";
import { localesDir, token } from "./telegram-harness.js";

const ticketId = "3f9c2b1e-8a4d-4c7e-9b2a-1d5e6f7a8b9c";
const kinds = productRegistry();
const ownerChat = "7001";

function notice(overrides: Partial<Extract<OutboxPayload, { type: "owner.notice" }>> = {}): OutboxMessage {
  return {
    id: "msg-1",
    seq: 1,
    channel: "telegram",
    recipient: `telegram:${overrides.chatId ?? ownerChat}`,
    payload: { type: "owner.notice", chatId: ownerChat, locale: "zh-CN", key: "repair.received", params: { number: "R-2026-000001", billing: "warranty" }, buttons: [], ...overrides },
    refKey: null,
    status: "sending",
    attempts: 0,
    notBefore: new Date(0),
    platformMessageId: null,
    lastError: null,
    createdAt: new Date("2026-11-30T02:00:00Z"),
  };
}

describe("TelegramMessageSender", () => {
  let telegram: FakeTelegram;
  let sender: TelegramMessageSender;
  const missingKeys: string[] = [];

  beforeEach(async () => {
    telegram = await startFakeTelegram({ token });
    const translator = createI18nextTranslator({ localesDir, timeZone: "Asia/Shanghai", fallbackLocale: "zh-CN", onMissingKey: (locale, key) => missingKeys.push(`${locale} ${key}`) });
    sender = new TelegramMessageSender(new Api(token, { apiRoot: telegram.apiRoot }), translator, kinds, "Asia/Shanghai");
  });

  afterEach(async () => {
    expect(missingKeys).toEqual([]);
    await telegram.close();
  });

  it("renders a notice in the owner's language with its params, billing included without nested brackets, and returns where it went", async () => {
    const ref = await sender.send(notice(), null);

    const [shown] = telegram.chat(ownerChat);
    expect(shown?.text).toBe("【报修受理】您的报修已受理，工单号：R-2026-000001，免费（保修期内）。我们将尽快安排维修师傅，并与您确认上门时间。");
    expect(ref).toEqual({ channel: ownerChat, messageId: String(shown?.message_id) });
  });

  it("adds the notice's actions as buttons labelled in the owner's language", async () => {
    await sender.send(
      notice({
        locale: "en",
        key: "repair.time_proposed",
        params: { number: "R-2026-000001", at: { instant: "2026-12-01T06:00:00Z" } },
        buttons: [
          { kind: "repair", action: "appointment.confirm", caseId: ticketId, arg: "2026-12-01T06:00:00.000Z" },
          { kind: "repair", action: "appointment.other", caseId: ticketId, arg: "2026-12-01T06:00:00.000Z" },
        ],
      }),
      null,
    );

    const [shown] = telegram.chat(ownerChat);
    expect(shown?.text).toBe("For your request R-2026-000001, the technician proposes to visit on Tue, Dec 1, 14:00. Does this time suit you?");
    const buttons = shown?.reply_markup?.inline_keyboard.flat() ?? [];
    expect(buttons.map((button) => button.text)).toEqual(["✅ Confirm this time", "🕑 Another time"]);
    expect(buttons.map((button) => ("callback_data" in button ? decodeOwnerButton(kinds, button.callback_data) : null))).toEqual([
      { type: "owner_button", button: { kind: "repair", action: "appointment.confirm", caseId: ticketId, arg: "2026-12-01T06:00:00.000Z" } },
      { type: "owner_button", button: { kind: "repair", action: "appointment.other", caseId: ticketId, arg: "2026-12-01T06:00:00.000Z" } },
    ]);
  });

  it("refuses a notice whose button would not fit Telegram's 64 bytes before sending anything", async () => {
    const tooLong = notice({ key: "repair.done", buttons: [{ kind: "repair", action: "fixed.yes", caseId: "x".repeat(60) }] });

    await expect(sender.send(tooLong, null)).rejects.toThrow(/64/);
    expect(telegram.chat(ownerChat)).toEqual([]);
  });

  it("maps a 429 to RateLimitedError with Telegram's retry_after in milliseconds", async () => {
    telegram.failNext("sendMessage", { status: 429, retryAfter: 7 });

    const error = await sender.send(notice(), null).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
  });

  it("maps a blocked bot (403) and a vanished chat (400 chat not found) to PermanentDeliveryError", async () => {
    telegram.failNext("sendMessage", { status: 403 });
    telegram.failNext("sendMessage", { status: 400, description: "Bad Request: chat not found" });

    await expect(sender.send(notice(), null)).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(sender.send(notice(), null)).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it("rethrows other failures so the outbox worker retries them", async () => {
    telegram.failNext("sendMessage", { status: 500 });

    await expect(sender.send(notice(), null)).rejects.toBeInstanceOf(GrammyError);
  });

  it("paces one message per second per private chat, one per three seconds per group, and 34 ms overall, recipient first", () => {
    expect(sender.rateRules(notice())).toEqual([
      { key: "telegram:chat:7001", intervalMs: 1000 },
      { key: "telegram:global", intervalMs: 34 },
    ]);
    expect(sender.rateRules(notice({ chatId: "-100123" }))[0]).toEqual({ key: "telegram:chat:-100123", intervalMs: 3000 });
  });
});
