import type { Logger } from "pino";
import type { OutboxChannel } from "../../core/domain/outbox.js";
import type { SenderLease as SenderLeaseRow, UnitOfWork } from "../../core/ports/store.js";

export interface SenderLeaseOptions {
  uow: UnitOfWork;
  channel: OutboxChannel;
  /** This process's id (its outbox lease holder id). */
  holder: string;
  logger: Logger;
  /** How long another holder's beat must stand still, on this process's clock, before this one takes over; default 8 s. */
  takeoverMs?: number;
  /** How often the holder renews while it holds the lease; default 1 s. */
  renewMs?: number;
  /**
   * How long before the end of its last renewal's validity the holder stops sending; default 3 s:
   * longer than the longest per-recipient interval (a Telegram group's 3 s), so the first message
   * of the next holder never follows the last of this one too closely.
   */
  marginMs?: number;
  nowMs?: () => number;
  /**
   * Whether a holder is proven dead (the outbox lease holder's judgement: its pid no longer runs
   * on this host, or its heartbeat stood still): its lease is then taken at once, not after
   * `takeoverMs`. Only a proof may answer true: a live holder's lease taken would break the limits.
   */
  isGone?: (holder: string) => Promise<boolean>;
}

/**
 * The right to deliver one platform's outbox, held by one process of all those sharing the
 * database. Only the holder claims and sends, so the rate limits it paces (Telegram's 30/s
 * overall and 1/s per chat, Slack's 1/s per channel) and a 429's wait hold for every instance
 * together, not per process; the other instances stand by and take over when the holder dies.
 */
export interface SenderLease {
  /**
   * Takes the lease if it is free or its holder has fallen silent, or renews it; true when this
   * process holds it now. Renewals continue in the background while it holds it.
   */
  acquire(): Promise<boolean>;
  /** Whether this process may send now: it holds the lease and its last renewal is still safely valid. A local check, no query. */
  mayContinue(): boolean;
  /** The end of the platform's last 429 wait as last read from the lease (a new holder waits it out too). */
  pausedUntil(): Date | null;
  /** Records a 429's wait on the lease at the next renewal, for whoever sends next. */
  recordPause(until: Date): void;
  /** Stops renewing and frees the lease, so another instance takes it at once (clean stop). */
  release(): Promise<void>;
}

/**
 * A lease with no instant of expiry in the database: hosts' clocks differ. The row holds the
 * holder and a beat the holder changes at every renewal (once a second). A contender watches the
 * beat on its own clock and takes the row over, by compare-and-set on the beat it watched, only
 * once it has stood still for `takeoverMs`. The holder counts the same span from the moment it
 * began its last successful renewal, which is before any contender can have read that beat, and
 * stops sending `marginMs` before it ends; so the old holder has stopped before the new one
 * starts, whatever the clocks say. A renewal that finds the row taken drops the lease at once.
 *
 * Danger: a holder frozen for longer than `takeoverMs - marginMs` in the middle of one send (a
 * stopped VM) can finish that one send after the next holder began; each message still goes to
 * one process only (row leases), so the cost is one message's pacing, not a duplicate.
 */
export function createSenderLease(options: SenderLeaseOptions): SenderLease {
  const takeoverMs = options.takeoverMs ?? 8_000;
  const renewMs = options.renewMs ?? 1_000;
  const marginMs = options.marginMs ?? 3_000;
  const nowMs = options.nowMs ?? Date.now;
  const { channel, holder: self } = options;
  const log = options.logger.child({ senderLease: channel });
  let held: { beat: number; validUntilMs: number } | null = null;
  let watched: { holder: string | null; beat: number; sinceMs: number } | null = null;
  let pause: Date | null = null;
  let pendingPause: Date | null = null;
  let timer: NodeJS.Timeout | null = null;
  let chain: Promise<boolean> = Promise.resolve(false);
  let released = false;

  const later = (a: Date | null, b: Date | null): Date | null => (a === null ? b : b === null ? a : a.getTime() >= b.getTime() ? a : b);

  const attempt = async (): Promise<boolean> => {
    if (released) return false;
    const startedMs = nowMs();
    type Outcome = { took: SenderLeaseRow; from?: string } | { lost: SenderLeaseRow | null };
    // Read and swap in separate transactions (the compare-and-set needs no lock between them), so
    // that proving a holder dead, which reads the database too, never runs inside one.
    const row = await options.uow.transaction((store) => store.senderLeases.get(channel));
    const next = (beat: number, pausedUntil: Date | null): SenderLeaseRow => ({ channel, holder: self, beat, pausedUntil: later(pausedUntil, pendingPause) });
    const swap = async (expected: SenderLeaseRow | null, to: SenderLeaseRow, from?: string): Promise<Outcome> =>
      (await options.uow.transaction((store) => store.senderLeases.swap(expected, to))) ? { took: to, ...(from ? { from } : {}) } : { lost: expected };
    const decide = async (): Promise<Outcome> => {
      if (row === null) return swap(null, next(1, null));
      if (row.holder === self || row.holder === null) return swap(row, next(row.beat + 1, row.pausedUntil));
      // Another process holds it: take over once it is proven dead, or after watching its beat stand still.
      const dead = (await options.isGone?.(row.holder)) ?? false;
      if (!dead) {
        if (!watched || watched.holder !== row.holder || watched.beat !== row.beat) {
          watched = { holder: row.holder, beat: row.beat, sinceMs: nowMs() };
          return { lost: row };
        }
        if (nowMs() - watched.sinceMs < takeoverMs) return { lost: row };
      }
      return swap(row, next(row.beat + 1, row.pausedUntil), row.holder);
    };
    const outcome = await decide();
    if ("took" in outcome) {
      const fresh = !held;
      if (!held) log.info(outcome.from ? { silentHolder: outcome.from } : {}, "this process delivers the platform's outbox now");
      held = { beat: outcome.took.beat, validUntilMs: startedMs + takeoverMs - marginMs };
      pause = outcome.took.pausedUntil;
      // Taken from a holder proven dead, its last message may have left a moment ago: the first
      // ones of this process wait out a per-recipient interval (the margin), as after a silent one.
      if (fresh && outcome.from) pause = later(pause, new Date(nowMs() + marginMs));
      pendingPause = null;
      watched = null;
      timer ??= setInterval(() => void renew(), renewMs);
      timer.unref();
      return true;
    }
    if (held) log.warn("another process took over the platform's outbox; this one stops sending");
    held = null;
    pause = outcome.lost?.pausedUntil ?? pause;
    if (timer) clearInterval(timer);
    timer = null;
    return false;
  };

  const serial = (): Promise<boolean> => {
    chain = chain.then(attempt, attempt).catch((error: unknown) => {
      // A failed renewal keeps the lease until its validity runs out; mayContinue says when.
      log.warn({ err: error }, "the sender lease could not be read or renewed");
      return held !== null && nowMs() < held.validUntilMs;
    });
    return chain;
  };
  const renew = () => (held ? serial() : Promise.resolve(false));

  return {
    acquire: serial,
    mayContinue: () => held !== null && nowMs() < held.validUntilMs,
    pausedUntil: () => pause,
    recordPause(until) {
      pendingPause = later(pendingPause, until);
      pause = later(pause, until);
    },
    async release() {
      released = true;
      if (timer) clearInterval(timer);
      timer = null;
      await chain.catch(() => false);
      const last = held;
      held = null;
      if (!last) return;
      await options.uow.transaction(async (store) => {
        await store.senderLeases.swap({ holder: self, beat: last.beat }, { channel, holder: null, beat: last.beat + 1, pausedUntil: later(pause, pendingPause) });
      });
    },
  };
}
