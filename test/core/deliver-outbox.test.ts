import { describe, expect, it } from "vitest";
import type { MessageRef, OutboxMessage } from "../../src/core/domain/outbox.js";
import { RateGate } from "../../src/core/domain/rate-gate.js";
import { type MessageSender, PermanentDeliveryError, RateLimitedError } from "../../src/core/ports/message-sender.js";
import { deliverOutbox, retryDelayMs } from "../../src/core/use-cases/deliver-outbox.js";
import { createMemoryStore } from "../../src/testing/memory-store.js";

/** A platform at the port: records what it was asked to deliver, fails as scripted. */
class ScriptedPlatform implements MessageSender {
  delivered: { chatId: string; key: string; edit: boolean }[] = [];
  failures: Error[] = [];
  private nextId = 1;

  async send(message: OutboxMessage, existing: MessageRef | null): Promise<MessageRef> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    const payload = message.payload;
    const chatId = payload.type === "owner.notice" ? payload.chatId : "C-STAFF";
    this.delivered.push({ chatId, key: payload.type === "owner.notice" ? payload.key : payload.type, edit: existing !== null });
    return existing ?? { channel: chatId, messageId: String(this.nextId++) };
  }

  rateRules(message: OutboxMessage) {
    const chatId = message.payload.type === "owner.notice" ? message.payload.chatId : "C-STAFF";
    return [{ key: `chat:${chatId}`, intervalMs: 1000 }];
  }
}

function notice(chatId: string, key: string) {
  return { type: "owner.notice" as const, chatId, locale: "en" as const, key, params: {}, buttons: [] };
}

async function setup() {
  const store = createMemoryStore();
  let wall = Date.parse("2026-11-30T02:00:00Z");
  const slept: number[] = [];
  const platform = new ScriptedPlatform();
  const gate = new RateGate();
  const run = () =>
    deliverOutbox({
      uow: store,
      channel: "telegram",
      sender: platform,
      gate,
      now: () => new Date(wall),
      sleep: async (ms) => {
        slept.push(ms);
        wall += ms;
      },
    });
  const enqueue = (payload: ReturnType<typeof notice>) =>
    store.transaction((s) => s.outbox.enqueue({ id: crypto.randomUUID(), payload, createdAt: new Date(wall) }));
  return { store, platform, run, enqueue, slept, advance: (ms: number) => (wall += ms) };
}

/**
 * Delivers `count` notices to distinct chats under one overall limit of a message per 34 ms,
 * each pause ending `lateBy(pause index)` ms after its time; returns when each was sent.
 */
async function sendsUnderGlobalLimit(count: number, lateBy: (pause: number) => number): Promise<number[]> {
  const store = createMemoryStore();
  let wall = Date.parse("2026-11-30T02:00:00Z");
  const sentAt: number[] = [];
  const sender: MessageSender = {
    rateRules: () => [{ key: "global", intervalMs: 34 }],
    async send(message) {
      sentAt.push(wall);
      return { channel: "c", messageId: message.id };
    },
  };
  for (let n = 0; n < count; n++) await store.transaction((s) => s.outbox.enqueue({ id: crypto.randomUUID(), payload: notice(String(n), "r"), createdAt: new Date(wall) }));
  let pauses = 0;
  const sleep = async (ms: number) => {
    wall += ms + lateBy(pauses++);
  };
  await deliverOutbox({ uow: store, channel: "telegram", sender, gate: new RateGate(), now: () => new Date(wall), sleep });
  return sentAt;
}

describe("delivering the outbox", () => {
  it("keeps one message per second per chat by waiting, not by dropping", async () => {
    const { platform, run, enqueue, slept } = await setup();
    await enqueue(notice("1", "a"));
    await enqueue(notice("1", "b"));
    await enqueue(notice("2", "c"));

    expect(await run()).toEqual({ sent: 3, retried: 0, dead: 0, deferred: 0 });
    // Chat 2 does not wait behind chat 1's second message; chat 1's own order holds.
    expect(platform.delivered.map((d) => d.key)).toEqual(["a", "c", "b"]);
    expect(slept).toEqual([1000]);
  });

  it("keeps the platform's overall rate when its timers fire a little late", async () => {
    // Each pause ends 2 ms after its time, as a busy process's timers do.
    const sentAt = await sendsUnderGlobalLimit(31, () => 2);

    const gaps = sentAt.slice(1).map((at, n) => at - (sentAt[n] as number));
    expect((sentAt[30] as number) - (sentAt[0] as number)).toBe(30 * 34 + 2);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(34);
  });

  it("does not bunch messages up to make up for a process held up long", async () => {
    const sentAt = await sendsUnderGlobalLimit(3, (pause) => (pause === 0 ? 500 : 0));

    // The second went half a second late; the third still waits its interval after it, less the
    // few milliseconds a late timer is allowed, rather than going at once to catch up.
    expect((sentAt[2] as number) - (sentAt[1] as number)).toBeGreaterThanOrEqual(34 - 5);
  });

  it("a 429 waits retry_after for the whole platform and loses nothing", async () => {
    const { store, platform, run, enqueue, advance } = await setup();
    await enqueue(notice("1", "a"));
    await enqueue(notice("2", "b"));
    platform.failures.push(new RateLimitedError(3000));

    expect(await run()).toEqual({ sent: 0, retried: 2, dead: 0, deferred: 0 });
    expect(await run()).toEqual({ sent: 0, retried: 0, dead: 0, deferred: 0 });
    advance(3000);
    expect(await run()).toEqual({ sent: 2, retried: 0, dead: 0, deferred: 0 });
    expect(platform.delivered.map((d) => d.key)).toEqual(["a", "b"]);
    expect(await store.transaction((s) => s.outbox.countByStatus())).toMatchObject({ sent: 2, pending: 0, dead: 0 });
  });

  it("a stopping process delivers the message in hand and hands the rest of its batch back, due at once and with no attempt counted", async () => {
    const store = createMemoryStore();
    const wall = Date.parse("2026-11-30T02:00:00Z");
    const platform = new ScriptedPlatform();
    for (const [chat, key] of [["1", "a"], ["2", "b"], ["3", "c"]] as const) {
      await store.transaction((s) => s.outbox.enqueue({ id: `m-${key}`, payload: notice(chat, key), createdAt: new Date(wall) }));
    }
    let stopping = false;
    const sender: MessageSender = {
      rateRules: (message) => platform.rateRules(message),
      async send(message, existing) {
        // The stop arrives while the first delivery is on its way.
        stopping = true;
        return platform.send(message, existing);
      },
    };

    const report = await deliverOutbox({ uow: store, channel: "telegram", sender, gate: new RateGate(), now: () => new Date(wall), sleep: async () => {}, shouldStop: () => stopping });
    const rest = await store.transaction((s) => s.outbox.claim("telegram", new Date(wall), 10, new Date(wall + 60_000)));

    expect(report).toEqual({ sent: 1, retried: 0, dead: 0, deferred: 0 });
    expect(platform.delivered.map((d) => d.key)).toEqual(["a"]);
    expect(rest.map((message) => [message.id, message.attempts])).toEqual([["m-b", 0], ["m-c", 0]]);
  });

  it("a blocked chat becomes a dead letter with the reason at once", async () => {
    const { store, platform, run, enqueue } = await setup();
    await enqueue(notice("1", "a"));
    platform.failures.push(new PermanentDeliveryError("Forbidden: bot was blocked by the user"));

    expect(await run()).toEqual({ sent: 0, retried: 0, dead: 1, deferred: 0 });
    const [message] = store.snapshot().outbox;
    expect(message).toMatchObject({ status: "dead", lastError: expect.stringContaining("blocked by the user") });
  });

  it("a message that keeps failing survives about two hours of outage, then is kept as a dead letter with the reason", async () => {
    const { store, platform, run, enqueue, advance } = await setup();
    await enqueue(notice("1", "a"));
    for (let attempt = 0; attempt < 20; attempt += 1) platform.failures.push(new Error("socket hang up"));

    let waited = 0;
    for (let attempt = 0; attempt < 19; attempt += 1) {
      await run();
      advance(retryDelayMs(attempt));
      waited += retryDelayMs(attempt);
    }
    expect(store.snapshot().outbox[0]).toMatchObject({ status: "pending", attempts: 19 });
    expect(waited).toBeGreaterThan(90 * 60_000);
    await run();
    expect(store.snapshot().outbox[0]).toMatchObject({ status: "dead", attempts: 20, lastError: "Error: socket hang up" });
  });

  it("a later message to the same chat never overtakes one waiting for a retry", async () => {
    const { platform, run, enqueue, advance } = await setup();
    await enqueue(notice("1", "first"));
    await enqueue(notice("1", "second"));
    platform.failures.push(new Error("timeout"));

    await run();
    expect(platform.delivered).toEqual([]);
    advance(1000);
    await run();
    expect(platform.delivered.map((d) => d.key)).toEqual(["first", "second"]);
  });

  it("a message queued while an earlier one to the same chat awaits its retry waits behind it, across runs", async () => {
    const { platform, run, enqueue, advance } = await setup();
    await enqueue(notice("1", "time proposed"));
    platform.failures.push(new Error("timeout"));
    expect(await run()).toEqual({ sent: 0, retried: 1, dead: 0, deferred: 0 });

    advance(retryDelayMs(0) / 2);
    await enqueue(notice("1", "work started"));
    await enqueue(notice("2", "other owner"));
    expect(await run()).toEqual({ sent: 1, retried: 0, dead: 0, deferred: 0 });
    expect(platform.delivered.map((d) => [d.chatId, d.key])).toEqual([["2", "other owner"]]);

    advance(retryDelayMs(0));
    expect(await run()).toEqual({ sent: 2, retried: 0, dead: 0, deferred: 0 });
    expect(platform.delivered.filter((d) => d.chatId === "1").map((d) => d.key)).toEqual(["time proposed", "work started"]);
  });

  it("a second card for the same ticket edits the posted message in place", async () => {
    const store = createMemoryStore();
    const platform = new ScriptedPlatform();
    const card = { type: "staff.case-card" as const, team: "maintenance" as const, caseId: "t-1" };
    await store.transaction((s) => s.outbox.enqueue({ id: "m1", payload: card, createdAt: new Date() }));
    await store.transaction((s) => s.outbox.enqueue({ id: "m2", payload: card, createdAt: new Date() }));
    const run = () => deliverOutbox({ uow: store, channel: "slack", sender: platform, gate: new RateGate(), now: () => new Date(), sleep: async () => {} });

    await run();
    expect(platform.delivered.map((d) => d.edit)).toEqual([false, true]);
  });
});
