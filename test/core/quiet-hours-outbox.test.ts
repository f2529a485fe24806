import { describe, expect, it } from "vitest";
import type { MessageRef, OutboxMessage, OutboxPayload } from "../../src/core/domain/outbox.js";
import { RateGate } from "../../src/core/domain/rate-gate.js";
import { defaultOwnerHours } from "../../src/core/domain/working-hours.js";
import type { MessageSender } from "../../src/core/ports/message-sender.js";
import { deliverOutbox } from "../../src/core/use-cases/deliver-outbox.js";
import { createMemoryStore } from "../../src/testing/memory-store.js";

/** Owners' Telegram at the port: what reached each chat, in order. */
class Chats implements MessageSender {
  readonly received: { chatId: string; key: string }[] = [];

  async send(message: OutboxMessage): Promise<MessageRef> {
    const payload = message.payload;
    if (payload.type !== "owner.notice") throw new Error(`not an owner notice: ${payload.type}`);
    this.received.push({ chatId: payload.chatId, key: payload.key });
    return { channel: payload.chatId, messageId: String(this.received.length) };
  }

  rateRules(message: OutboxMessage) {
    const chatId = message.payload.type === "owner.notice" ? message.payload.chatId : "-";
    return [{ key: `chat:${chatId}`, intervalMs: 1000 }];
  }
}

const reminder = (chatId: string, key = "fee.reminder.overdue"): OutboxPayload => ({
  type: "owner.notice",
  chatId,
  locale: "zh-CN",
  key,
  params: {},
  buttons: [],
  quiet: true,
});
const answer = (chatId: string, key: string): OutboxPayload => ({ type: "owner.notice", chatId, locale: "zh-CN", key, params: {}, buttons: [] });

/** The outbox of a property in Shanghai with the default quiet hours, 21:00-08:00, on a clock the test sets. */
function property() {
  const store = createMemoryStore();
  const chats = new Chats();
  const gate = new RateGate();
  let clock = new Date(0);
  const at = (local: string) => {
    clock = new Date(`${local}+08:00`);
  };
  const queue = (payload: OutboxPayload) => store.transaction((s) => s.outbox.enqueue({ id: crypto.randomUUID(), payload, createdAt: clock }));
  const deliver = () =>
    deliverOutbox({
      uow: store,
      channel: "telegram",
      sender: chats,
      gate,
      now: () => clock,
      sleep: async (ms) => {
        clock = new Date(clock.getTime() + ms);
      },
      ownerHours: { hours: defaultOwnerHours, timeZone: "Asia/Shanghai" },
    });
  const row = (key: string) => store.snapshot().outbox.find((message) => message.payload.type === "owner.notice" && message.payload.key === key);
  return { store, chats, at, queue, deliver, row };
}

describe("quiet owner notices in the quiet hours", () => {
  it("a reminder queued at 20:59 and claimed at 21:00 waits until 08:00, no attempt counted", async () => {
    const p = property();
    p.at("2026-12-01T20:59:00");
    await p.queue(reminder("7001"));

    p.at("2026-12-01T21:00:00");
    expect(await p.deliver()).toMatchObject({ sent: 0, deferred: 1 });
    expect(p.row("fee.reminder.overdue")).toMatchObject({ status: "pending", attempts: 0, notBefore: new Date("2026-12-02T08:00:00+08:00") });

    p.at("2026-12-02T07:59:59");
    expect(await p.deliver()).toMatchObject({ sent: 0, deferred: 0 });
    p.at("2026-12-02T08:00:00");
    expect(await p.deliver()).toMatchObject({ sent: 1, deferred: 0 });
    expect(p.chats.received).toEqual([{ chatId: "7001", key: "fee.reminder.overdue" }]);
  });

  it("a reminder queued at 07:59 goes at 08:00", async () => {
    const p = property();
    p.at("2026-12-02T07:59:00");
    await p.queue(reminder("7001"));

    expect(await p.deliver()).toMatchObject({ sent: 0, deferred: 1 });
    expect(p.row("fee.reminder.overdue")?.notBefore).toEqual(new Date("2026-12-02T08:00:00+08:00"));
    p.at("2026-12-02T08:00:00");
    expect(await p.deliver()).toMatchObject({ sent: 1 });
  });

  it("a reminder in the owners' hours goes at once", async () => {
    const p = property();
    p.at("2026-12-02T10:00:00");
    await p.queue(reminder("7001"));

    expect(await p.deliver()).toMatchObject({ sent: 1, deferred: 0 });
  });

  it("the answer to a tap at 23:00 goes at once although a reminder to the same owner waits", async () => {
    const p = property();
    p.at("2026-12-01T20:59:30");
    await p.queue(reminder("7001"));
    p.at("2026-12-01T23:00:00");
    expect(await p.deliver()).toMatchObject({ sent: 0, deferred: 1 });

    await p.queue(answer("7001", "fee.promise_recorded"));
    await p.queue(answer("7001", "receipt.issued"));
    expect(await p.deliver()).toMatchObject({ sent: 2, deferred: 0 });
    expect(p.chats.received.map((r) => r.key)).toEqual(["fee.promise_recorded", "receipt.issued"]);
    expect(p.row("fee.reminder.overdue")).toMatchObject({ status: "pending", notBefore: new Date("2026-12-02T08:00:00+08:00") });

    p.at("2026-12-02T08:00:00");
    await p.deliver();
    expect(p.chats.received.map((r) => r.key)).toEqual(["fee.promise_recorded", "receipt.issued", "fee.reminder.overdue"]);
  });

  it("two reminders to one owner keep their order, also across the night", async () => {
    const p = property();
    p.at("2026-12-01T22:00:00");
    await p.queue(reminder("7001", "fee.reminder.due"));
    await p.queue(reminder("7001", "fee.reminder.overdue"));
    await p.deliver();
    p.at("2026-12-02T08:00:00");
    await p.deliver();

    expect(p.chats.received.map((r) => r.key)).toEqual(["fee.reminder.due", "fee.reminder.overdue"]);
  });

  it("a night's reminders to more households than a batch do not hold back another owner's answer queued after them", async () => {
    const p = property();
    p.at("2026-12-01T22:00:00");
    for (let n = 0; n < 45; n++) await p.queue(reminder(String(8000 + n)));
    await p.queue(answer("7001", "fee.promise_recorded"));

    expect(await p.deliver()).toMatchObject({ sent: 1, deferred: 45 });
    expect(p.chats.received).toEqual([{ chatId: "7001", key: "fee.promise_recorded" }]);
  });
});
