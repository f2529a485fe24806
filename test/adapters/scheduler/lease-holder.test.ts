import { describe, expect, it } from "vitest";
import { createLogger } from "../../../src/app/logger.js";
import { createLeaseHolder } from "../../../src/adapters/scheduler/lease-holder.js";
import { createMemoryStore } from "../../../src/testing/memory-store.js";

const logger = createLogger("silent");
const notice = (id: string, chatId: string) => ({ id, createdAt: new Date(), payload: { type: "owner.notice" as const, chatId, locale: "en" as const, key: "repair.received", params: {}, buttons: [] } });

/** A store with one message to chat 1 claimed by `holder`, and a clock the test moves. */
async function claimedBy(holder: ReturnType<typeof createLeaseHolder>, store = createMemoryStore()) {
  await holder.start();
  await store.transaction((s) => s.outbox.enqueue(notice("m1", "1")));
  await store.transaction((s) => s.outbox.claim("telegram", new Date(), 10, new Date(Date.now() + 120_000), holder.id));
  await holder.stop().catch(() => undefined);
  return store;
}

describe("taking back the outbox leases of a process that is gone", () => {
  it("takes back at once the leases of a process on this host whose pid no longer runs", async () => {
    const store = createMemoryStore();
    const dead = createLeaseHolder({ uow: store, logger, host: "h1", pid: 4242 });
    await dead.start();
    await store.transaction((s) => s.outbox.enqueue(notice("m1", "1")));
    await store.transaction((s) => s.outbox.claim("telegram", new Date(), 10, new Date(Date.now() + 120_000), dead.id));
    const restarted = createLeaseHolder({ uow: store, logger, host: "h1", pid: 5000, isRunning: (pid) => pid !== 4242 });

    expect(await restarted.reclaim()).toBe(1);
    expect((await store.transaction((s) => s.outbox.findById("m1")))?.status).toBe("pending");
    await dead.stop();
  });

  it("takes back at once the leases of this process's previous run under the same pid (a restarted container)", async () => {
    const store = createMemoryStore();
    const previous = createLeaseHolder({ uow: store, logger, host: "box", pid: 1 });
    await previous.start();
    await store.transaction((s) => s.outbox.enqueue(notice("m1", "1")));
    await store.transaction((s) => s.outbox.claim("telegram", new Date(), 10, new Date(Date.now() + 120_000), previous.id));

    expect(await createLeaseHolder({ uow: store, logger, host: "box", pid: 1 }).reclaim()).toBe(1);
    await previous.stop();
  });

  it("leaves a live process's leases alone, on this host or another, while its heartbeat goes on", async () => {
    let now = 0;
    const store = createMemoryStore();
    const live = createLeaseHolder({ uow: store, logger, host: "other", pid: 7, heartbeatMs: 60_000, nowMs: () => now });
    await live.start();
    await store.transaction((s) => s.outbox.enqueue(notice("m1", "1")));
    await store.transaction((s) => s.outbox.claim("telegram", new Date(), 10, new Date(Date.now() + 120_000), live.id));
    const watcher = createLeaseHolder({ uow: store, logger, host: "mine", pid: 8, heartbeatMs: 2_000, silentMs: 6_000, nowMs: () => now });
    const sibling = createLeaseHolder({ uow: store, logger, host: "other", pid: 9, isRunning: () => true, nowMs: () => now });

    for (let step = 0; step < 5; step++) {
      expect(await watcher.reclaim()).toBe(0);
      expect(await sibling.reclaim()).toBe(0);
      now += 5_000;
      await (live as unknown as { start(): Promise<void> }).start(); // a heartbeat
    }
    await live.stop();
  });

  it("takes back the leases of a process on another host once its heartbeat has stood still for the silent time", async () => {
    let now = 0;
    const store = await claimedBy(createLeaseHolder({ uow: createMemoryStore(), logger }), createMemoryStore());
    const gone = createLeaseHolder({ uow: store, logger, host: "crashed-host", pid: 3, nowMs: () => now });
    await gone.start();
    await store.transaction((s) => s.outbox.enqueue(notice("m2", "2")));
    await store.transaction((s) => s.outbox.claim("telegram", new Date(), 10, new Date(Date.now() + 120_000), gone.id));
    const watcher = createLeaseHolder({ uow: store, logger, host: "new-host", pid: 1, silentMs: 6_000, nowMs: () => now });

    expect(await watcher.reclaim()).toBe(1); // m1's owner left no record: nothing proves it alive
    expect(await watcher.reclaim()).toBe(0);
    now += 5_999;
    expect(await watcher.reclaim()).toBe(0);
    now += 1;
    expect(await watcher.reclaim()).toBe(1);
    expect((await store.transaction((s) => s.outbox.findById("m2")))?.status).toBe("pending");
  });
});
