import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { startOutboxWorker, type OutboxPacing } from "../../../src/adapters/scheduler/outbox-worker.js";
import type { MessageSender } from "../../../src/core/ports/message-sender.js";
import { createMemoryStore } from "../../../src/testing/memory-store.js";
import { VirtualPacing } from "../../support/virtual-pacing.js";

/** Delivers two notices to one chat limited to a message a second; returns when each went, on `clock`. */
async function twoNoticesToOneChat(clock: () => number, pacing?: OutboxPacing): Promise<number[]> {
  const store = createMemoryStore();
  for (const key of ["a", "b"]) {
    const payload = { type: "owner.notice" as const, chatId: "7001", locale: "en" as const, key, params: {}, buttons: [] };
    await store.transaction((s) => s.outbox.enqueue({ id: crypto.randomUUID(), payload, createdAt: new Date() }));
  }
  const sentAt: number[] = [];
  const sender: MessageSender = {
    rateRules: () => [{ key: "chat:7001", intervalMs: 1000 }],
    async send(message) {
      sentAt.push(clock());
      return { channel: "7001", messageId: message.id };
    },
  };
  const worker = startOutboxWorker({ uow: store, senders: { telegram: sender }, logger: pino({ level: "silent" }), ...(pacing ? { pacing } : {}) });
  await worker.idle();
  await worker.stop();
  return sentAt;
}

describe("the outbox worker's pacing", () => {
  it("keeps the platform limits on the wall clock unless told otherwise", async () => {
    const [first = 0, second = 0] = await twoNoticesToOneChat(() => Date.now());

    expect(second - first).toBeGreaterThanOrEqual(990);
  });

  it("keeps them on the pacing it is given, which need not wait in real time", async () => {
    const pacing = new VirtualPacing();
    const startedAt = Date.now();

    const [first = 0, second = 0] = await twoNoticesToOneChat(() => pacing.now().getTime(), pacing);

    // The gate reserves a chat's slot when it claims the message, a moment before the sender reads
    // the clock: the second send may read 999 ms after the first, as on the wall clock above.
    expect(second - first).toBeGreaterThanOrEqual(990);
    expect(pacing.pauses).toHaveLength(1);
    expect(Date.now() - startedAt).toBeLessThan(900);
  });
});
