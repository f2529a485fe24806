import type { Case, CaseEvent } from "../core/case/case.js";
import type { Clock } from "../core/case/clock.js";
import type { Job } from "../core/case/job.js";
import type { Callback } from "../core/domain/callback.js";
import { WorkflowError } from "../core/domain/errors.js";
import type { MessageRef, OutboxMessage } from "../core/domain/outbox.js";
import type { PriceItem } from "../core/domain/prices.js";
import type { Charge, Payment } from "../core/domain/fees.js";
import type { Receipt } from "../core/domain/receipts.js";
import type { WorkOrder } from "../core/domain/work-orders.js";
import type { SenderLease } from "../core/ports/store.js";
import type { Resident, StaffMember, OwnerIdentity, Unit, VerificationRequest } from "../core/domain/registry.js";

export interface StoredJob extends Job {
  leaseUntil: Date | null;
  leaseOwner?: string | null;
}
export interface StoredOutbox extends OutboxMessage {
  leaseUntil: Date | null;
  leaseOwner?: string | null;
  /** Times taken back from a dead process (the row's `taken_back`). */
  takenBack?: number;
}

/** An incoming update's record: claimed by `holder` until `leaseUntil`, or done. */
export interface StoredUpdate {
  receivedAt: Date;
  status: "claimed" | "done";
  holder: string | null;
  leaseUntil: Date | null;
}

/** Every table of the store; the in-memory twin of the Prisma schema. */
export interface MemoryTables {
  units: Map<string, Unit>;
  residents: Map<string, Resident>;
  staff: Map<string, StaffMember>;
  /** By code. */
  prices: Map<string, PriceItem>;
  identities: Map<string, OwnerIdentity>;
  verifications: Map<string, VerificationRequest>;
  cases: Map<string, Case>;
  /** In insertion order, which breaks ties between events of the same instant. */
  events: CaseEvent[];
  sequences: Map<string, number>;
  clocks: Map<string, Clock>;
  callbacks: Map<string, Callback>;
  workOrders: Map<string, WorkOrder>;
  receipts: Map<string, Receipt>;
  charges: Map<string, Charge>;
  payments: Map<string, Payment>;
  jobs: Map<string, StoredJob>;
  outbox: Map<string, StoredOutbox>;
  outboxSeq: number;
  messageRefs: Map<string, MessageRef>;
  /** By `source:updateId`. */
  inbox: Map<string, StoredUpdate>;
  keyValues: Map<string, { value: string; version: number }>;
  senderLeases: Map<string, SenderLease>;
}

/**
 * `notBefore` of a new outbox message: deliverable at once. Not `createdAt`: that is workflow
 * time, which `tick --at` may put in the future, while the worker claims by wall-clock time.
 */
export const deliverableAtOnce = new Date(0);

export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** What a JSON text column gives back. */
export function viaJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function newId(): string {
  return globalThis.crypto.randomUUID();
}

export function duplicate(what: string, key: string): Error {
  return new Error(`unique constraint failed: ${what} ${key} already exists`);
}

export function missing(what: string, id: string): WorkflowError {
  return new WorkflowError("not_found", `${what} ${id} does not exist`, { id });
}

export function isLeaseExpired(leaseUntil: Date | null, now: Date): boolean {
  return leaseUntil !== null && leaseUntil.getTime() <= now.getTime();
}

export function publicJob(job: StoredJob): Job {
  const { leaseUntil: _lease, leaseOwner: _owner, ...rest } = job;
  return copy(rest);
}

export function publicOutbox(message: StoredOutbox): OutboxMessage {
  const { leaseUntil: _lease, leaseOwner: _owner, takenBack: _takenBack, ...rest } = message;
  return copy(rest);
}

export function byTimeThenId<T extends { id: string }>(time: (item: T) => Date) {
  return (a: T, b: T) => time(a).getTime() - time(b).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A stored row by key, as a copy: mutating it never changes stored state. */
export function findCopy<T>(map: Map<string, T>, id: string): T | null {
  const found = map.get(id);
  return found === undefined ? null : copy(found);
}

/** Every table, empty: a new store. */
export function emptyTables(): MemoryTables {
  return {
    units: new Map(),
    residents: new Map(),
    staff: new Map(),
    prices: new Map(),
    identities: new Map(),
    verifications: new Map(),
    cases: new Map(),
    events: [],
    sequences: new Map(),
    clocks: new Map(),
    callbacks: new Map(),
    workOrders: new Map(),
    receipts: new Map(),
    charges: new Map(),
    payments: new Map(),
    jobs: new Map(),
    outbox: new Map(),
    outboxSeq: 0,
    messageRefs: new Map(),
    inbox: new Map(),
    keyValues: new Map(),
    senderLeases: new Map(),
  };
}

/** A transaction works on a deep copy, which replaces the committed tables only when it resolves. */
export function cloneTables(tables: MemoryTables): MemoryTables {
  return structuredClone(tables);
}
