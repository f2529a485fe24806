import type { OutboxChannel, OutboxMessage } from "../domain/outbox.js";
import type { RateGate } from "../domain/rate-gate.js";
import { nextWorkingInstant, type WorkingHours } from "../domain/working-hours.js";
import { type MessageSender, PermanentDeliveryError, RateLimitedError } from "../ports/message-sender.js";
import type { UnitOfWork } from "../ports/store.js";

export interface DeliverOutboxInput {
  uow: UnitOfWork;
  channel: OutboxChannel;
  sender: MessageSender;
  gate: RateGate;
  /** Wall-clock time: platform limits and leases run on real time even when workflow time is simulated. */
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  batchSize?: number;
  maxAttempts?: number;
  /** The delivering process, recorded on its leases (see `reclaimOutboxLeases`). */
  leaseOwner?: string;
  /** Told of each message the platform accepted, with how long the send took (operators' debug log). */
  onDelivered?: (message: OutboxMessage, durationMs: number) => void;
  /**
   * When owners may be reminded (outside `QUIET_HOURS`) in the property's zone, on `now`: a quiet
   * owner notice claimed outside them is put back until they begin. The worker always passes the
   * deployment's; without it quiet notices go at any hour.
   */
  ownerHours?: OwnerHours;
  /**
   * Whether this process may still send (it holds the platform's sender lease); asked before each
   * claim and each send. Once false the rest of the batch goes back untouched and the run ends.
   */
  mayContinue?: () => boolean;
  /** Told of a 429's wait, so the process can share it with whoever delivers next. */
  onRateLimited?: (until: Date) => void;
  /**
   * Asked before each message (after its rate-limit pause, which a stopping worker cuts short):
   * once true, the batch's undelivered messages are handed back untouched, due at once and with
   * no attempt counted, and the run ends. A process stopping therefore waits for one delivery at
   * most, and another instance, or this one after its restart, takes the rest at once instead of
   * after the lease.
   */
  shouldStop?: () => boolean;
}

/** The hours owners may be reminded in (`ownerHoursOf`), in the property's zone. */
export interface OwnerHours {
  hours: WorkingHours;
  timeZone: string;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  dead: number;
  /** Quiet notices claimed in the quiet hours and put back until their end. */
  deferred: number;
}

/**
 * Longer than a batch can take at one message a second (at least two minutes, a second and a half
 * a message in larger batches), so no other instance re-claims it mid-batch.
 */
const leaseMsFor = (batchSize: number) => Math.max(120_000, batchSize * 1_500);
const maxBackoffMs = 10 * 60_000;
/** How late a pause may end and still count from its slot (see `deliverBatch`). */
const lateTimerMs = 5;

/**
 * Back-off after the n-th failure: 1 s, 2 s, 4 s ... capped at 10 minutes. With the default 20
 * attempts a message survives about two hours of platform outage before it becomes a dead letter.
 */
export function retryDelayMs(failures: number): number {
  return Math.min(1000 * 2 ** failures, maxBackoffMs);
}

/**
 * Delivers a platform's outbox in claimed batches until a batch delivers nothing. A claim holds
 * only each recipient's head (see OutboxRepository.claim), so one recipient's messages go in
 * order even across batches and retries: a message waiting for its retry holds back the later
 * ones to its recipient, and the next batch takes whatever the last one unblocked.
 *
 * A row is marked `sending` when claimed and `sent` with the platform message id after the call,
 * so a crash repeats at most the rows in flight (their lease expires). A 429 pauses the platform
 * for `retry_after`, hands the rest of the batch back untouched and ends the run; nothing is
 * dropped: other failures are retried with a capped back-off, and only the last failed attempt
 * leaves a dead letter with its reason.
 */
export async function deliverOutbox(input: DeliverOutboxInput): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, dead: 0, deferred: 0 };
  for (;;) {
    if (input.shouldStop?.() || (input.mayContinue && !input.mayContinue())) return report;
    const round = await deliverBatch(input);
    report.sent += round.sent;
    report.retried += round.retried;
    report.dead += round.dead;
    report.deferred += round.deferred;
    // A batch of deferred reminders unblocked nothing, but the next batch holds other messages.
    if (round.ended || round.sent + round.dead + round.deferred === 0) return report;
  }
}

async function deliverBatch(input: DeliverOutboxInput): Promise<DeliveryReport & { ended: boolean }> {
  const { uow, sender, gate } = input;
  const maxAttempts = input.maxAttempts ?? 20;
  const claimedAt = input.now();
  const batchSize = input.batchSize ?? 20;
  const batch = await uow.transaction((store) =>
    store.outbox.claim(input.channel, claimedAt, batchSize, new Date(claimedAt.getTime() + leaseMsFor(batchSize)), input.leaseOwner),
  );
  const report = { sent: 0, retried: 0, dead: 0, deferred: 0, ended: false };
  const deferred = await deferQuiet(input, batch);
  report.deferred = deferred.size;

  for (const [index, message] of batch.entries()) {
    if (deferred.has(message.id)) continue;
    const rules = sender.rateRules(message);
    const askedAt = input.now().getTime();
    const wait = gate.delayFor(rules, askedAt);
    if (wait > 0) await input.sleep(wait);
    // Asked after the pacing wait, which may be a 429's long one: right before the send. A
    // stopping worker ends that wait early, and sending then would break the very limit it kept.
    const stopping = input.shouldStop?.() === true;
    if (stopping || (input.mayContinue && !input.mayContinue())) {
      // Another process may take the platform over any moment now: it must find these pending,
      // not sending under a lease it would wait out.
      const rest = batch.slice(index).filter((later) => !deferred.has(later.id));
      await release(uow, rest, input.now(), stopping ? "handed back: the delivering process is stopping" : "handed back: this process stopped delivering the platform's outbox");
      // A stopping process's hand-back is no retry: the messages were never tried.
      if (!stopping) report.retried += rest.length;
      report.ended = true;
      break;
    }
    // Counted from the slot waited for when the pause ended a little late (a timer fires a
    // millisecond or two after its time): otherwise every late timer pushes all later slots back,
    // and thousands of reminders fall short of the platform's rate by as much. Later than that
    // (the process was held up), from now: slots never bunch up to make up for lost time.
    const sentAt = input.now().getTime();
    gate.take(rules, wait > 0 ? Math.max(askedAt + wait, sentAt - lateTimerMs) : sentAt);
    try {
      const startedMs = Date.now();
      const existing = message.refKey ? await uow.transaction((store) => store.messageRefs.get(message.refKey as string)) : null;
      const ref = await sender.send(message, existing);
      await uow.transaction(async (store) => {
        await store.outbox.markSent(message.id, ref.messageId);
        if (message.refKey) await store.messageRefs.set(message.refKey, ref);
      });
      report.sent += 1;
      input.onDelivered?.(message, Date.now() - startedMs);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const now = input.now();
      if (error instanceof RateLimitedError) {
        const until = new Date(now.getTime() + error.retryAfterMs);
        gate.pause(until.getTime());
        input.onRateLimited?.(until);
        const rest = batch.slice(index).filter((later) => !deferred.has(later.id));
        await release(uow, rest, until, reason);
        report.retried += rest.length;
        report.ended = true;
        break;
      }
      if (error instanceof PermanentDeliveryError || message.attempts + 1 >= maxAttempts) {
        await uow.transaction((store) => store.outbox.markDead(message.id, reason));
        report.dead += 1;
        continue;
      }
      const retryAt = new Date(now.getTime() + retryDelayMs(message.attempts));
      await uow.transaction((store) => store.outbox.retry(message.id, retryAt, reason, true));
      report.retried += 1;
    }
  }
  return report;
}

/**
 * Puts back the batch's quiet owner notices if `now` is in the quiet hours, with notBefore = the
 * hours' end and no attempt counted, whenever they were queued: a reminder written at 20:59 and
 * claimed at 21:00 waits until 08:00. Checked at the claim, not when queued, since a notice can
 * reach the head of its queue hours after it was written. Returns the ids put back.
 */
async function deferQuiet(input: DeliverOutboxInput, batch: OutboxMessage[]): Promise<Set<string>> {
  const owner = input.ownerHours;
  const quiet = owner ? batch.filter((message) => message.payload.type === "owner.notice" && message.payload.quiet) : [];
  if (!owner || quiet.length === 0) return new Set();
  const now = input.now();
  const opens = nextWorkingInstant(now, owner.hours, owner.timeZone);
  if (opens.getTime() === now.getTime()) return new Set();
  await release(input.uow, quiet, opens, `quiet hours until ${opens.toISOString()}`);
  return new Set(quiet.map((message) => message.id));
}

async function release(uow: UnitOfWork, messages: OutboxMessage[], notBefore: Date, reason: string): Promise<void> {
  await uow.transaction(async (store) => {
    for (const message of messages) await store.outbox.retry(message.id, notBefore, reason, false);
  });
}
