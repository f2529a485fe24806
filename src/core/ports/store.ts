import type { Case, CaseEvent } from "../case/case.js";
import type { Clock } from "../case/clock.js";
import type { Job, JobPayload } from "../case/job.js";
import type { Callback } from "../domain/callback.js";
import type { MessageRef, OutboxMessage, OutboxPayload } from "../domain/outbox.js";
import type { PriceItem, PriceTeam } from "../domain/prices.js";
import type { Charge, FeeType, Payment } from "../domain/fees.js";
import type { Receipt, ReceiptNumberSpan } from "../domain/receipts.js";
import type { WorkOrder, WorkOrderStatus } from "../domain/work-orders.js";
import type {
  Resident,
  StaffMember,
  StaffRole,
  Team,
  OwnerIdentity,
  Unit,
  VerificationRequest,
} from "../domain/registry.js";

/**
 * The persistence port. Use cases receive a {@link Store} inside {@link UnitOfWork.transaction},
 * so a state change, its history event, its jobs and its outbox messages commit together or not
 * at all. Implementations: in-memory (tests), SQLite and PostgreSQL through Prisma.
 */
export interface UnitOfWork {
  transaction<T>(work: (store: Store) => Promise<T>): Promise<T>;
}

export interface Store {
  units: UnitRepository;
  residents: ResidentRepository;
  staff: StaffRepository;
  prices: PriceRepository;
  identities: IdentityRepository;
  verifications: VerificationRepository;
  cases: CaseRepository;
  clocks: ClockRepository;
  callbacks: CallbackRepository;
  workOrders: WorkOrderRepository;
  receipts: ReceiptRepository;
  charges: ChargeRepository;
  payments: PaymentRepository;
  jobs: JobRepository;
  outbox: OutboxRepository;
  messageRefs: MessageRefRepository;
  inbox: InboxRepository;
  keyValues: KeyValueRepository;
  senderLeases: SenderLeaseRepository;
}

export type NewUnit = Omit<Unit, "id">;
export interface UnitRepository {
  /** Inserts, or updates the unit with the same building and unit number. */
  upsert(unit: NewUnit): Promise<Unit>;
  /**
   * {@link upsert} of many units at once, in batches (an import of the whole registry): the
   * units in the order given, each with whether it was new. Addresses must be distinct.
   */
  upsertMany(units: readonly NewUnit[]): Promise<{ unit: Unit; created: boolean }[]>;
  findById(id: string): Promise<Unit | null>;
  findByAddress(building: string, unit: string): Promise<Unit | null>;
  /** {@link findByAddress} of many addresses at once, in batches (an import's rows): the units found, in no particular order. */
  findManyByAddress(addresses: readonly { building: string; unit: string }[]): Promise<Unit[]>;
  /** The register's buildings, each once, in natural order ("3" before "12"). */
  listBuildings(): Promise<string[]>;
}

export type NewResident = Omit<Resident, "id">;
export interface ResidentRepository {
  /**
   * Inserts, or updates the resident with the same unit and phone; the source becomes the one
   * given, so the latest party to vouch for the resident is the one recorded.
   */
  upsert(resident: NewResident): Promise<Resident>;
  /** {@link upsert} of many residents at once, in batches; unit + phone pairs must be distinct. */
  upsertMany(residents: readonly NewResident[]): Promise<void>;
  /**
   * Inserts residents known to be new because their units were created in this same
   * transaction: nothing to look up first. A resident that exists already is an error.
   */
  insertMany(residents: readonly NewResident[]): Promise<void>;
  findById(id: string): Promise<Resident | null>;
  /** Everyone registered with this normalised phone, across units. */
  findByPhone(phone: string): Promise<Resident[]>;
  /** The unit's residents, by name: whom the front desk can name as the caller. */
  listByUnit(unitId: string): Promise<Resident[]>;
  /**
   * Deletes the unit's registry-sourced owners whose phone is not in `phones` (normalised);
   * front-desk-sourced residents and other roles stay. Returns how many were deleted.
   */
  removeRegistryOwnersExcept(unitId: string, phones: readonly string[]): Promise<number>;
  /** {@link removeRegistryOwnersExcept} for every unit of `listed` (unit id to its listed phones) at once. */
  removeRegistryOwnersExceptMany(listed: ReadonlyMap<string, readonly string[]>): Promise<number>;
}

export type NewStaffMember = Omit<StaffMember, "id">;
export interface StaffRepository {
  /** Inserts, or updates the member with the same Slack user id. */
  upsert(member: NewStaffMember): Promise<StaffMember>;
  findById(id: string): Promise<StaffMember | null>;
  findByUserId(staffUserId: string): Promise<StaffMember | null>;
  /** Members of a team, optionally of one role, ordered by name. */
  listByTeam(team: Team, role?: StaffRole): Promise<StaffMember[]>;
}

/** The published price standards, item by item (PROCEDURES.md §4). */
export interface PriceRepository {
  /**
   * Inserts, or updates the item with the same code (a revised standard): the items in the
   * order given, each with whether it was new. Codes must be distinct.
   */
  upsertMany(items: readonly PriceItem[]): Promise<{ item: PriceItem; created: boolean }[]>;
  findByCode(code: string): Promise<PriceItem | null>;
  /** A team's standard, ordered by code. */
  listByTeam(team: PriceTeam): Promise<PriceItem[]>;
}

export interface IdentityRepository {
  find(ownerUserId: string): Promise<OwnerIdentity | null>;
  /** The verified identities that shared this normalised phone: how a request taken by phone reaches its owner in the bot. */
  findVerifiedByPhone(phone: string): Promise<OwnerIdentity[]>;
  save(identity: OwnerIdentity): Promise<void>;
}

export interface VerificationRepository {
  create(request: VerificationRequest): Promise<void>;
  findById(id: string): Promise<VerificationRequest | null>;
  findPendingByOwner(ownerUserId: string): Promise<VerificationRequest | null>;
  save(request: VerificationRequest): Promise<void>;
}

export interface CaseRepository {
  /** Next value of a named counter (such as `R-2026`), starting at 1; never reused. */
  nextSequence(name: string): Promise<number>;
  /** Stores the header and the kind's details (in the kind's own table). */
  create(subject: Case): Promise<void>;
  findById(id: string): Promise<Case | null>;
  findByNumber(number: string): Promise<Case | null>;
  /**
   * Writes the case if its stored version is `subject.version - 1`; otherwise throws a
   * WorkflowError `conflict` (someone else changed it since it was read).
   */
  update(subject: Case): Promise<void>;
  /** The resident's cases of every kind, newest first. */
  listByReporter(reporterId: string, limit: number): Promise<Case[]>;
  /**
   * Cases of one kind in one of `statuses` (a recurring task's work: every active package), in
   * id order, at most `limit`, after the case id `afterId` when given (pages of a long list).
   */
  listByKindAndStatus(kind: string, statuses: readonly string[], limit: number, afterId?: string): Promise<Case[]>;
  appendEvent(event: CaseEvent): Promise<void>;
  /** Oldest first; with `limit`, the most recent `limit` events, still oldest first. */
  listEvents(caseId: string, limit?: number): Promise<CaseEvent[]>;
}

export interface ClockRepository {
  create(clock: Clock): Promise<void>;
  findById(id: string): Promise<Clock | null>;
  listRunning(caseId: string): Promise<Clock[]>;
  save(clock: Clock): Promise<void>;
}

export interface CallbackRepository {
  create(callback: Callback): Promise<void>;
  findById(id: string): Promise<Callback | null>;
  /** The callback of the case's latest completion that is not yet done, if any. */
  findOpenByCase(caseId: string): Promise<Callback | null>;
  /**
   * Every callback of the case that is not done or cancelled, of any round, oldest first:
   * reopening must void them all, including one the leader holds as unreachable.
   */
  listUnfinishedByCase(caseId: string): Promise<Callback[]>;
  save(callback: Callback): Promise<void>;
}

/** Work orders (派工单) of service orders: the package register. */
export interface WorkOrderRepository {
  /**
   * Inserts the work order unless its case has one at the same `scheduledAt` already (a second
   * run of the month's generation); says whether it did. Numbers are unique.
   */
  createOnce(order: WorkOrder): Promise<boolean>;
  findById(id: string): Promise<WorkOrder | null>;
  findByNumber(number: string): Promise<WorkOrder | null>;
  /** The case's work orders by sequence. */
  listByCase(caseId: string): Promise<WorkOrder[]>;
  /** The highest sequence the case's work orders used, 0 when none. */
  maxSequence(caseId: string): Promise<number>;
  /** Work orders of a local month (`YYYY-MM`), optionally of some statuses only, by case and sequence. */
  listByMonth(month: string, statuses?: readonly WorkOrderStatus[]): Promise<WorkOrder[]>;
  save(order: WorkOrder): Promise<void>;
}

/** Receipts (收据) with their gap-free numbers. */
export interface ReceiptRepository {
  /** Inserts; a duplicate number, or a second receipt of a case for the same period, is an error. */
  create(receipt: Receipt): Promise<void>;
  findById(id: string): Promise<Receipt | null>;
  findByNumber(number: string): Promise<Receipt | null>;
  /** The case's receipts, oldest first. */
  listByCase(caseId: string): Promise<Receipt[]>;
  /** Receipts issued in [from, to), by number. */
  listIssuedBetween(from: Date, to: Date): Promise<Receipt[]>;
  /** The numbers starting `prefix` (`RC-2026-`) issued before `before`: count, first, last and the missing ones (counted by one aggregate; listed only when some are missing). */
  numberSpan(prefix: string, before: Date): Promise<ReceiptNumberSpan>;
}

/** The fee ledger's charges (应收), one per unit, fee type and period. */
export interface ChargeRepository {
  /**
   * Inserts, or updates the amount and due date of the charge with the same unit, fee type and
   * period (a corrected import): the charges in the order given, each with whether it was new.
   */
  upsertMany(charges: readonly Charge[]): Promise<{ charge: Charge; created: boolean }[]>;
  findById(id: string): Promise<Charge | null>;
  findByKey(unitId: string, feeType: FeeType, period: string): Promise<Charge | null>;
  /** The unit's charges, by period then fee type. */
  listByUnit(unitId: string): Promise<Charge[]>;
  /** The charges of many units at once, in batches (an import's units), by unit, period then fee type. */
  listByUnits(unitIds: readonly string[]): Promise<Charge[]>;
  /**
   * Units with a charge not fully paid whose due date is on or before `dueBy` (a local date), in
   * unit id order, at most `limit`, after `afterUnitId` when given: the reminder run's pages.
   */
  listUnitsWithOpenCharges(dueBy: string, limit: number, afterUnitId?: string): Promise<string[]>;
  save(charge: Charge): Promise<void>;
}

/** Payments (实收) with their receipts. */
export interface PaymentRepository {
  create(payment: Payment): Promise<void>;
  /** The unit's payments, newest first. */
  listByUnit(unitId: string): Promise<Payment[]>;
  listByCharge(chargeId: string): Promise<Payment[]>;
}

export interface JobRepository {
  enqueue(job: { id: string; payload: JobPayload; runAt: Date }): Promise<void>;
  /**
   * Queues a job unless one with the same id exists, whatever its status, and says whether it
   * did. Recurring work uses ids derived from the task and its instant, so two instances
   * scheduling the same occurrence write one row.
   */
  enqueueOnce(job: { id: string; payload: JobPayload; runAt: Date }): Promise<boolean>;
  /**
   * Atomically takes up to `limit` pending jobs due at `now` (or running jobs whose lease
   * expired) and marks them running until `leaseUntil` under `leaseOwner`; concurrent callers
   * never get the same job.
   */
  claimDue(now: Date, limit: number, leaseUntil: Date, leaseOwner?: string): Promise<Job[]>;
  /**
   * Whether the job is still running under the claim of `leaseOwner`, locking its row until the
   * transaction ends. A job's run begins with it: a claim taken over meanwhile (lease expired,
   * or released because its owner was proven dead) answers false, and a takeover waits for a run
   * in progress, so two claimers never both commit a run.
   */
  holdClaim(id: string, leaseOwner: string): Promise<boolean>;
  /** The distinct owners of running jobs' claims. */
  leaseOwners(): Promise<string[]>;
  /** Puts the jobs `owner` holds as running back to pending, due as before, without counting an attempt; returns how many. */
  releaseLeasesOf(owner: string): Promise<number>;
  markDone(id: string): Promise<void>;
  markFailed(id: string, error: string, retryAt: Date | null): Promise<void>;
  /** Pending jobs due at or before `until`, soonest first (for reports and the playground clock). */
  listPending(until: Date | null, limit: number): Promise<Job[]>;
  /**
   * Retention: deletes finished jobs (done, or failed for good: no retry left) whose `runAt` is
   * before `before`, oldest `runAt` first, at most `limit` of them; returns how many. Pending and
   * running jobs are never deleted, however old. Call again while it returns `limit`.
   */
  pruneFinished(before: Date, limit: number): Promise<number>;
  /**
   * How much work is waiting: pending jobs due at or before `now`, and the earliest `runAt` among
   * them (null when none is due). For monitoring at scrape time: one aggregate over the index
   * (status, run_at), never the finished history.
   */
  dueBacklog(now: Date): Promise<JobBacklog>;
}

/** Pending jobs whose time has come, and since when the oldest of them has waited. */
export interface JobBacklog {
  due: number;
  oldestDueAt: Date | null;
}

export interface OutboxRepository {
  /**
   * Queues a message, eligible at once (notBefore = the Unix epoch): `createdAt` may be a
   * simulated instant (`tick --at`), and delivery must not wait for the wall clock to reach it.
   * The seq, channel, recipient and refKey are derived here with `channelOf`, `recipientOf` and
   * `refKeyOf` of domain/outbox.
   */
  enqueue(message: { id: string; payload: OutboxPayload; createdAt: Date }): Promise<void>;
  /**
   * Atomically takes up to `limit` messages of `channel` that are pending with `notBefore <= now`
   * (or sending with an expired lease), in `seq` order, marking them sending until `leaseUntil`.
   *
   * Head of line per recipient: a message is taken only if no earlier (lower `seq`) message to the
   * same recipient is pending or sending, whatever its `notBefore` or lease. So a claim holds at
   * most one message per recipient, and a message waiting for its retry holds back everything
   * queued after it to that recipient, while other recipients' messages go. A sending message
   * whose lease expired is its recipient's head, and is taken again.
   *
   * `leaseOwner` names the claiming process, so that a restart can take back the leases of a
   * process proven dead ({@link releaseLeasesOf}) instead of waiting for them to expire.
   */
  claim(channel: OutboxMessage["channel"], now: Date, limit: number, leaseUntil: Date, leaseOwner?: string): Promise<OutboxMessage[]>;
  /** The distinct owners of the leases of messages now sending (null owners, from before owners were recorded, left out). */
  leaseOwners(): Promise<string[]>;
  /**
   * Puts the messages `owner` holds as sending back to pending, deliverable at once, without
   * counting an attempt (the owner died mid-send: each may go once more), its `lastError` saying
   * so and its count of takings back raised (the record of a possible duplicate, kept once it is
   * sent); returns how many.
   */
  releaseLeasesOf(owner: string): Promise<number>;
  markSent(id: string, platformMessageId: string): Promise<void>;
  /** Back to pending, to be tried at `notBefore`; `countAttempt` false for rate limits. */
  retry(id: string, notBefore: Date, error: string, countAttempt: boolean): Promise<void>;
  markDead(id: string, reason: string): Promise<void>;
  /** Puts every dead letter back in the queue with a fresh attempt count; returns how many. */
  requeueDead(): Promise<number>;
  findById(id: string): Promise<OutboxMessage | null>;
  /** Counts by status, for health and tests. */
  countByStatus(): Promise<Record<OutboxMessage["status"], number>>;
  /**
   * Retention: deletes sent messages whose `createdAt` is before `before`, oldest `createdAt`
   * first, at most `limit` of them; returns how many. Pending, sending and dead messages are
   * never deleted, however old. Call again while it returns `limit`.
   */
  pruneSent(before: Date, limit: number): Promise<number>;
  /**
   * How much is waiting to be delivered: messages not yet delivered (pending or sending), the
   * earliest `createdAt` among them (null when none), and the dead letters. For monitoring at
   * scrape time: aggregates over the index (status, created_at), never the sent history.
   */
  backlog(): Promise<OutboxBacklog>;
}

/** Undelivered messages, the oldest one's `createdAt`, and the dead letters waiting for `outbox retry-dead`. */
export interface OutboxBacklog {
  undelivered: number;
  oldestUndeliveredAt: Date | null;
  dead: number;
}

export interface MessageRefRepository {
  get(key: string): Promise<MessageRef | null>;
  set(key: string, ref: MessageRef): Promise<void>;
}

/** Who claims an incoming update, when, and until when the claim holds if they never settle it. */
export interface UpdateClaim {
  /** The claiming process (one id per running instance). */
  holder: string;
  at: Date;
  /** After this instant the claim counts as abandoned (its holder was killed) and may be taken. */
  leaseUntil: Date;
}

/**
 * What {@link InboxRepository.claim} found: `claimed` - the caller holds the update now and must
 * {@link InboxRepository.complete} or {@link InboxRepository.release} it; `done` - acted on
 * before, drop it; `held` - another holder's claim is still within its lease.
 */
export type ClaimOutcome = "claimed" | "done" | "held";

export interface InboxRepository {
  /**
   * Claims an incoming update before anything acts on it, in one atomic insert-if-absent: of
   * any number of concurrent claims of one update, across processes, exactly one gets
   * `claimed`. A claim whose lease has run out is taken over (same outcome) rather than held.
   */
  claim(source: "telegram" | "slack", updateId: string, claim: UpdateClaim): Promise<ClaimOutcome>;
  /**
   * Marks a claimed update acted on, so every later delivery is `done`. False when `holder`
   * no longer holds it (its lease ran out and another took it over): the update was then acted
   * on twice, which the caller should log.
   */
  complete(source: "telegram" | "slack", updateId: string, holder: string): Promise<boolean>;
  /**
   * Gives a claim up without marking the update done (its handling failed), so a redelivery
   * is worked on again. Does nothing to an update done, or claimed by another holder.
   */
  release(source: "telegram" | "slack", updateId: string, holder: string): Promise<void>;
  /** Records an incoming update as done at once; false when it was seen before (a platform retry). */
  recordOnce(source: "telegram" | "slack", updateId: string, at: Date): Promise<boolean>;
  /** Whether the update was recorded, without recording it. */
  seen(source: "telegram" | "slack", updateId: string): Promise<boolean>;
  /** Drops a record, so a retry of an update whose handling failed is acted on again. */
  forget(source: "telegram" | "slack", updateId: string): Promise<void>;
  /**
   * Retention: deletes records received before `before`, oldest first, at most `limit` of them;
   * returns how many. A platform retry of a pruned update would be acted on again, so `before`
   * must be further back than any platform still retries (Telegram, Slack: minutes to hours).
   */
  prune(before: Date, limit: number): Promise<number>;
}

/**
 * Which process delivers a platform's outbox: one row per channel with its holder, a beat that
 * changes at every renewal, and the end of the platform's last 429 wait. The row carries no
 * instant of expiry: hosts' clocks differ, so each process judges a holder's silence on its own
 * clock (see the scheduler's sender lease).
 */
export interface SenderLease {
  channel: string;
  holder: string | null;
  beat: number;
  pausedUntil: Date | null;
}

export interface SenderLeaseRepository {
  /** The channel's row; null before any process has taken it. */
  get(channel: string): Promise<SenderLease | null>;
  /**
   * Compare-and-set: writes `next` only if the row is still as `expected` (same holder and
   * beat; `null`: no row yet) and says whether it did. Of two processes swapping from the same
   * row, exactly one succeeds.
   */
  swap(expected: Pick<SenderLease, "holder" | "beat"> | null, next: SenderLease): Promise<boolean>;
}

/** A stored document with the version it was read at. */
export interface Versioned {
  value: string;
  /** Goes up on every write of the key, whichever method wrote it. */
  version: number;
}

/**
 * Small JSON documents by key, such as a conversation's replay state. Documents that two
 * processes may write at once (a conversation, a lease) use the versioned methods: a write
 * names the version it read and fails instead of overwriting another process's write.
 */
export interface KeyValueRepository {
  get(key: string): Promise<string | null>;
  /** Last write wins: for documents only one process writes. */
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
  getVersioned(key: string): Promise<Versioned | null>;
  /**
   * Compare-and-set: writes `value` only if the key is still at `expected` (`null`: only if
   * the key is absent), atomically against every other writer. Returns the new version, or
   * null when the key had moved on (or appeared) and nothing was written.
   */
  setIfVersion(key: string, value: string, expected: number | null): Promise<number | null>;
  /** Deletes the key only if it is still at `expected`; false when it had moved on or is gone. */
  deleteIfVersion(key: string, expected: number): Promise<boolean>;
}
