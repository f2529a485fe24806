import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/app/logger.js";
import { createSenderLease, type SenderLease, type SenderLeaseOptions } from "../../../src/adapters/scheduler/sender-lease.js";
import { createMemoryStore } from "../../../src/testing/memory-store.js";

const logger = createLogger("silent");

/** Two instances on one store, each with its own clock the test moves (their clocks need not agree). */
function instances() {
  const store = createMemoryStore();
  const made: SenderLease[] = [];
  const instance = (holder: string, overrides: Partial<SenderLeaseOptions> = {}) => {
    const clock = { ms: 1_000_000 };
    // Renewals are driven by hand: acquire() is what the worker calls before each round.
    const lease = createSenderLease({ uow: store, channel: "telegram", holder, logger, renewMs: 3_600_000, nowMs: () => clock.ms, ...overrides });
    made.push(lease);
    return { lease, clock };
  };
  return { store, instance, made };
}

describe("one instance at a time delivers a platform's outbox", () => {
  let made: SenderLease[] = [];
  afterEach(async () => {
    await Promise.all(made.map((lease) => lease.release()));
    made = [];
  });

  it("the first instance takes the lease; a second stands by while the first keeps renewing, however long", async () => {
    const world = instances();
    made = world.made;
    const a = world.instance("a");
    const b = world.instance("b");

    expect(await a.lease.acquire()).toBe(true);
    for (let second = 0; second < 30; second++) {
      a.clock.ms += 1_000;
      b.clock.ms += 1_000;
      expect(await a.lease.acquire()).toBe(true);
      expect(await b.lease.acquire()).toBe(false);
      expect(a.lease.mayContinue()).toBe(true);
      expect(b.lease.mayContinue()).toBe(false);
    }
  });

  it("a holder that falls silent stops sending 3 s before another may take over, and the other takes over once its beat stood still 8 s", async () => {
    const world = instances();
    made = world.made;
    const a = world.instance("a");
    const b = world.instance("b");
    expect(await a.lease.acquire()).toBe(true);
    expect(await b.lease.acquire()).toBe(false); // b starts watching a's beat

    a.clock.ms += 4_999;
    expect(a.lease.mayContinue()).toBe(true);
    a.clock.ms += 1;
    expect(a.lease.mayContinue()).toBe(false); // 8 s lease less the 3 s margin, counted from before its renewal

    b.clock.ms += 7_999;
    expect(await b.lease.acquire()).toBe(false);
    b.clock.ms += 1;
    expect(await b.lease.acquire()).toBe(true);
    expect(b.lease.mayContinue()).toBe(true);

    // a comes back: its renewal finds the row taken and it stays a stand-by.
    expect(await a.lease.acquire()).toBe(false);
    expect(a.lease.mayContinue()).toBe(false);
  });

  it("a holder proven dead (its pid gone) is taken over at once, without waiting for its beat to stand still", async () => {
    const world = instances();
    made = world.made;
    const a = world.instance("a");
    const b = world.instance("b", { isGone: async (holder) => holder === "a" });
    expect(await a.lease.acquire()).toBe(true);

    expect(await b.lease.acquire()).toBe(true);
    expect(await a.lease.acquire()).toBe(false);
  });

  it("taken from a holder proven dead, the lease holds the first sends 3 s: the dead one's last message to a chat may have just left", async () => {
    const world = instances();
    made = world.made;
    const a = world.instance("a");
    const b = world.instance("b", { isGone: async (holder) => holder === "a" });
    expect(await a.lease.acquire()).toBe(true);
    expect(a.lease.pausedUntil()).toBeNull();

    expect(await b.lease.acquire()).toBe(true);
    expect(b.lease.pausedUntil()).toEqual(new Date(b.clock.ms + 3_000));
  });

  it("a holder that stops cleanly frees the lease and the next instance takes it at once", async () => {
    const world = instances();
    made = world.made;
    const a = world.instance("a");
    const b = world.instance("b");
    expect(await a.lease.acquire()).toBe(true);
    expect(await b.lease.acquire()).toBe(false);

    await a.lease.release();

    expect(await b.lease.acquire()).toBe(true);
  });

  it("a 429's wait recorded by the holder is known to the instance that takes over", async () => {
    const world = instances();
    made = world.made;
    const a = world.instance("a");
    const b = world.instance("b");
    expect(await a.lease.acquire()).toBe(true);
    const until = new Date("2026-12-01T10:00:30.000Z");
    a.lease.recordPause(until);
    expect(await a.lease.acquire()).toBe(true); // the renewal writes it

    await a.lease.release();
    expect(await b.lease.acquire()).toBe(true);

    expect(b.lease.pausedUntil()).toEqual(until);
  });
});
