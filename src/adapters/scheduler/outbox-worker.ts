import type { Logger } from "pino";
import type { OutboxChannel, OutboxMessage } from "../../core/domain/outbox.js";
import { RateGate } from "../../core/domain/rate-gate.js";
import type { MessageSender } from "../../core/ports/message-sender.js";
import type { UnitOfWork } from "../../core/ports/store.js";
import { deliverOutbox, type OwnerHours } from "../../core/use-cases/deliver-outbox.js";
import type { OutboxLeaseHolder } from "./lease-holder.js";
import type { SenderLease } from "./sender-lease.js";

export interface OutboxWorkerOptions {
  uow: UnitOfWork;
  senders: Partial<Record<OutboxChannel, MessageSender>>;
  logger: Logger;
  /** How often to look for rows written by another process (the CLI's tick, another instance). */
  pollMs?: number;
  /**
   * The clock and sleep the platforms' rate limits are kept on; by default the wall clock and a
   * real pause (cut short by `stop`). Tests pass a virtual one so the limits hold without being
   * waited out.
   */
  pacing?: OutboxPacing;
  /**
   * This process as a lease holder: its id goes on every claim, and before each round it takes
   * back the leases of holders proven dead (a crashed previous run), so their recipients' chats
   * do not wait out the lease. Without it, leases only expire.
   */
  leases?: OutboxLeaseHolder;
  /**
   * When owners may be reminded (outside `QUIET_HOURS`), kept on the pacing clock: quiet notices
   * claimed in the quiet hours wait for their end. Without it, quiet notices go at any hour.
   */
  ownerHours?: OwnerHours;
  /**
   * The platform's sender lease for each channel: only while this process holds it does the
   * channel's loop claim and send, so the platform's limits and a 429's wait hold for every
   * instance together. Without it this process delivers regardless of others (one instance).
   */
  senderLease?: (channel: OutboxChannel) => SenderLease;
}

/** Time for pacing deliveries: when a message may go, and waiting until then. Also stamps leases and retry times. */
export interface OutboxPacing {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export interface OutboxWorker {
  /** Deliver now: called after this process commits outbox rows. */
  wake(): void;
  /** Resolves when every channel has nothing deliverable left (tests, graceful stop). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

const reclaimEveryMs = 1_000;

/**
 * Messages claimed at once per platform. The claim looks at the head of every recipient's queue,
 * so it takes longer the more owners wait: behind 1,500 fee reminders it took about 35 ms on
 * SQLite, a whole slot of Telegram's 30 messages a second, which batches of 20 paid every 20 messages.
 * Telegram's batches are larger so claims cost few of its slots; Slack has one recipient per
 * team channel, and a batch never holds more than one message per recipient.
 */
const batchSizes: Record<OutboxChannel, number> = { telegram: 100, slack: 20 };

/**
 * What a delivery log line may say about a message: its kind, message key, case and attempts.
 * Never the text, its parameters (names, descriptions) or the chat id, bar the case number.
 */
export function deliveryFacts(message: OutboxMessage): Record<string, unknown> {
  const { payload } = message;
  const facts: Record<string, unknown> = { channel: message.channel, type: payload.type, attempts: message.attempts };
  if ("key" in payload) facts.key = payload.key;
  if ("caseId" in payload && payload.caseId) facts.caseId = payload.caseId;
  if ("prompt" in payload) facts.prompt = payload.prompt;
  if ("params" in payload && typeof payload.params.number === "string") facts.caseNumber = payload.params.number;
  return facts;
}

/**
 * One delivery loop per platform, so a Slack rate limit never delays an owner's Telegram
 * message. Each loop delivers batches while there is work, then sleeps until woken or polled.
 */
export function startOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const pollMs = options.pollMs ?? 2000;
  let stopped = false;
  const leases = options.leases;
  // Registered before any claim, so no other process ever sees a lease of ours without a record.
  let reclaiming: Promise<void> = Promise.resolve();
  const ready = leases ? leases.start() : Promise.resolve();
  let lastReclaimMs = -Infinity;
  const reclaim = () => {
    // Once a second at most: a dead holder is proven over seconds, and every delivery round
    // calling it would put a query between one chat's messages.
    if (!leases || Date.now() - lastReclaimMs < reclaimEveryMs) return reclaiming;
    lastReclaimMs = Date.now();
    // One reclaim at a time for all channels; each loop waits for the one running.
    reclaiming = reclaiming.then(async () => {
      try {
        const released = await leases.reclaim();
        if (released > 0) options.logger.warn({ released }, "outbox messages of a dead process queued again");
      } catch (error) {
        options.logger.error({ err: error }, "outbox leases could not be reclaimed");
      }
    });
    return reclaiming;
  };
  const loops = Object.entries(options.senders).map(([channel, sender]) => {
    const gate = new RateGate();
    const exclusive = options.senderLease?.(channel as OutboxChannel);
    let wakeUp: (() => void) | null = null;
    // Busy until its first round has looked at the outbox: `idle` right after the start must not
    // answer before the loop has even claimed (a stop then would hand back what it was to send).
    let busy = true;
    let pendingWake = false;
    const idleWaiters: (() => void)[] = [];
    const log = options.logger.child({ outbox: channel });

    const nap = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wakeUp = null;
          resolve();
        }
        wakeUp = done;
      });
    const pacing: OutboxPacing = options.pacing ?? { now: () => new Date(), sleep: nap };

    const run = (async () => {
      await ready.catch((error: unknown) => log.error({ err: error }, "outbox lease holder could not register"));
      while (!stopped) {
        busy = true;
        pendingWake = false;
        let progressed = false;
        try {
          await reclaim();
          if (exclusive && !(await exclusive.acquire())) {
            // Another instance delivers this platform: stand by, watching that it stays alive.
            busy = false;
            for (const resolve of idleWaiters.splice(0)) resolve();
            if (!stopped) await nap(pollMs);
            continue;
          }
          const pausedUntil = exclusive?.pausedUntil();
          if (pausedUntil) gate.pause(pausedUntil.getTime());
          const report = await deliverOutbox({
            ...(exclusive ? { mayContinue: () => exclusive.mayContinue(), onRateLimited: (until: Date) => exclusive.recordPause(until) } : {}),
            ...(leases ? { leaseOwner: leases.id } : {}),
            ...(options.ownerHours ? { ownerHours: options.ownerHours } : {}),
            uow: options.uow,
            channel: channel as OutboxChannel,
            batchSize: batchSizes[channel as OutboxChannel],
            sender: sender as MessageSender,
            gate,
            now: () => pacing.now(),
            sleep: (ms) => pacing.sleep(ms),
            shouldStop: () => stopped,
            onDelivered: (message, durationMs) => log.debug({ ...deliveryFacts(message), durationMs }, "outbox message delivered"),
          });
          progressed = report.sent + report.dead + report.deferred > 0;
          if (report.dead > 0) log.error(report, "messages could not be delivered; `npm run frontdesk -- outbox retry-dead` queues them again");
          else if (report.retried > 0) log.warn(report, "outbox delivery will be retried");
          if (report.deferred > 0) log.debug({ deferred: report.deferred }, "quiet owner notices wait for the end of the quiet hours");
        } catch (error) {
          log.error({ err: error }, "outbox delivery failed");
        }
        busy = false;
        if (progressed || pendingWake) continue;
        for (const resolve of idleWaiters.splice(0)) resolve();
        if (!stopped) await nap(pollMs);
      }
    })();

    return {
      run,
      exclusive,
      wake() {
        pendingWake = true;
        if (!busy) wakeUp?.();
      },
      idle: () => (busy || pendingWake ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
      stop: () => wakeUp?.(),
    };
  });

  return {
    wake: () => loops.forEach((loop) => loop.wake()),
    idle: async () => {
      await Promise.all(loops.map((loop) => loop.idle()));
    },
    stop: async () => {
      stopped = true;
      loops.forEach((loop) => loop.stop());
      await Promise.all(loops.map((loop) => loop.run));
      await Promise.all(
        loops.map((loop) => loop.exclusive?.release().catch((error: unknown) => options.logger.warn({ err: error }, "the sender lease could not be freed; another instance takes it once it falls silent"))),
      );
      await reclaiming;
      await leases?.stop().catch((error: unknown) => options.logger.warn({ err: error }, "outbox lease holder record could not be removed"));
    },
  };
}
