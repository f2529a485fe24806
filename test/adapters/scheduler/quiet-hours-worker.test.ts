import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createI18nextTranslator } from "../../../src/adapters/i18n/i18next-translator.js";
import { startOutboxWorker, type OutboxWorker } from "../../../src/adapters/scheduler/outbox-worker.js";
import { createOutboxApi } from "../../../src/adapters/telegram/create-bot.js";
import { TelegramPause } from "../../../src/adapters/telegram/rate-limit-pause.js";
import { TelegramMessageSender } from "../../../src/adapters/telegram/telegram-message-sender.js";
import type { OutboxPayload } from "../../../src/core/domain/outbox.js";
import { defaultOwnerHours } from "../../../src/core/domain/working-hours.js";
import { productRegistry } from "../../../src/core/kinds/index.js";
import { createMemoryStore, type MemoryStore } from "../../../src/testing/memory-store.js";
import { startFakeTelegram, type FakeTelegram } from "../../../src/testing/index.js";
import { localesDir } from "../telegram/telegram-harness.js";
import { VirtualPacing } from "../../support/virtual-pacing.js";

const token = "123456:TEST-outbox";
const owner = "7001";
const neighbour = "7002";
const shanghai = (local: string) => new Date(`${local}+08:00`);

const reminder = (chatId: string): OutboxPayload => ({
  type: "owner.notice",
  chatId,
  locale: "en",
  key: "repair.time_reminder",
  params: { number: "R-2026-000001", at: { instant: "2026-12-03T02:00:00Z" } },
  buttons: [],
  quiet: true,
});
const answer: OutboxPayload = { type: "owner.notice", chatId: owner, locale: "en", key: "language.changed", params: {}, buttons: [] };

describe("the outbox worker in the quiet hours, through the Bot API", () => {
  let telegram: FakeTelegram;
  let store: MemoryStore;
  let pacing: VirtualPacing;
  let worker: OutboxWorker;

  beforeEach(async () => {
    telegram = await startFakeTelegram({ token, messagesPerSecond: 30 });
    store = createMemoryStore();
    pacing = new VirtualPacing(shanghai("2026-12-01T20:59:00"));
    const translator = createI18nextTranslator({ localesDir, timeZone: "Asia/Shanghai", fallbackLocale: "en" });
    const sender = new TelegramMessageSender(createOutboxApi(token, new TelegramPause(), telegram.apiRoot), translator, productRegistry(), "Asia/Shanghai");
    worker = startOutboxWorker({
      uow: store,
      senders: { telegram: sender },
      logger: pino({ level: "silent" }),
      pacing,
      pollMs: 20,
      ownerHours: { hours: defaultOwnerHours, timeZone: "Asia/Shanghai" },
    });
  });

  afterEach(async () => {
    await worker.stop();
    await telegram.close();
  });

  const queue = (payload: OutboxPayload) => store.transaction((s) => s.outbox.enqueue({ id: crypto.randomUUID(), payload, createdAt: pacing.now() }));
  const deliveredAt = async (local: string) => {
    pacing.jumpTo(shanghai(local));
    worker.wake();
    await worker.idle();
  };
  const shown = (chatId: string) => telegram.chat(chatId).map((message) => message.text?.split(":")[0]);

  it("holds a reminder queued at 20:59 and claimed at 21:00 until 08:00, and answers a tap at 23:00 at once meanwhile", async () => {
    await queue(reminder(owner));

    await deliveredAt("2026-12-01T21:00:00");
    expect(shown(owner)).toEqual([]);
    expect(store.snapshot().outbox[0]).toMatchObject({ status: "pending", attempts: 0, notBefore: shanghai("2026-12-02T08:00:00") });

    await deliveredAt("2026-12-01T23:00:00");
    await queue(answer);
    await deliveredAt("2026-12-01T23:00:01");
    expect(shown(owner)).toEqual(["Done"]);

    await deliveredAt("2026-12-02T07:59:58");
    expect(shown(owner)).toEqual(["Done"]);
    await deliveredAt("2026-12-02T08:00:00");
    expect(shown(owner)).toEqual(["Done", "A reminder for your request R-2026-000001"]);
    expect(telegram.callsOf("sendMessage").filter((call) => call.response?.status !== 200)).toEqual([]);
  });

  it("sends a reminder queued at 07:59 at 08:00", async () => {
    pacing.jumpTo(shanghai("2026-12-02T07:59:00"));
    await queue(reminder(neighbour));

    await deliveredAt("2026-12-02T07:59:30");
    expect(shown(neighbour)).toEqual([]);
    await deliveredAt("2026-12-02T08:00:00");
    expect(shown(neighbour)).toEqual(["A reminder for your request R-2026-000001"]);
  });
});
