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
import type { Resident, StaffMember, OwnerIdentity, Unit, VerificationRequest } from "../core/domain/registry.js";
import type { Store, UnitOfWork } from "../core/ports/store.js";
import { byTimeThenId, cloneTables, cmp, copy, emptyTables, duplicate, findCopy, type MemoryTables, missing, newId, publicJob, publicOutbox, viaJson } from "./memory-tables.js";
import { memoryPriceRepository } from "./memory-price-repository.js";
import { memoryReceiptRepository, memoryWorkOrderRepository } from "./memory-service-repositories.js";
import { memoryChargeRepository, memoryPaymentRepository } from "./memory-fee-repositories.js";
import { memoryWorkRepositories } from "./memory-work-store.js";

export type { MemoryTables } from "./memory-tables.js";

/** A deep, read-only-by-convention copy of everything stored, for assertions in tests. */
export interface MemorySnapshot {
  units: Unit[];
  residents: Resident[];
  staff: StaffMember[];
  /** By code. */
  prices: PriceItem[];
  identities: OwnerIdentity[];
  verifications: VerificationRequest[];
  cases: Case[];
  events: CaseEvent[];
  sequences: Record<string, number>;
  clocks: Clock[];
  callbacks: Callback[];
  workOrders: WorkOrder[];
  receipts: Receipt[];
  charges: Charge[];
  payments: Payment[];
  jobs: Job[];
  /** Ordered by seq. */
  outbox: OutboxMessage[];
  messageRefs: Record<string, MessageRef>;
  inbox: string[];
  keyValues: Record<string, string>;
}

export type MemoryStore = UnitOfWork & {
  /** Everything committed so far, deep-copied (uncommitted work of a running transaction is not visible). */
  snapshot(): MemorySnapshot;
  /** Number of transactions that committed; handy to assert that a use case wrote nothing. */
  commits(): number;
};

/**
 * An in-memory {@link UnitOfWork} with the same observable behaviour as the Prisma stores (the
 * contract suite in test/adapters/persistence runs against all three):
 * - transactions run one at a time (a promise queue) on a deep copy of the tables, which replaces
 *   the committed tables only if the callback resolves - a throw leaves nothing behind;
 * - natural keys are unique (unit address, resident unit+phone, staff user, price code, case
 *   number, inbox source+update), upserts update in place, creates of an existing key reject;
 * - JSON columns round-trip through JSON and the domain zod schemas, so a `Date` put in event data
 *   comes back as an ISO string and payload defaults apply, exactly as from a database;
 * - every returned object is a copy: mutating it never changes stored state;
 * - `save`/`mark*`/`retry` of an unknown id throw WorkflowError `not_found`; a case `update`
 *   over anything but version - 1 (or of an unknown case) throws `conflict`;
 * - claims never count attempts: `attempts` counts failures (jobs: `markFailed`; outbox:
 *   `retry` with `countAttempt` and `markDead`); a lease ends at `leaseUntil <= now`;
 * - a new outbox message is deliverable at once (`notBefore` is the epoch, not `createdAt`);
 * - an outbox claim takes only each recipient's head (no earlier message of it pending or sending);
 * - retention deletes only finished work (sent messages, done or failed jobs, inbox records)
 *   older than the given instant, oldest first, at most `limit` per call.
 *
 * Danger: calling `transaction` from inside a transaction callback deadlocks (as it would wait
 * for itself), just as a nested interactive transaction would not see the outer one's writes.
 */
export function createMemoryStore(): MemoryStore {
  let committed = emptyTables();
  let queue: Promise<unknown> = Promise.resolve();
  let commitCount = 0;

  const transaction = <T>(work: (store: Store) => Promise<T>): Promise<T> => {
    const run = async (): Promise<T> => {
      const draft = cloneTables(committed);
      const result = await work(storeOver(draft));
      committed = draft;
      commitCount += 1;
      return result;
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };

  return {
    transaction,
    snapshot: () => snapshotOf(committed),
    commits: () => commitCount,
  };
}

function storeOver(t: MemoryTables): Store {
  const find = findCopy;
  const insert = <T extends { id: string }>(map: Map<string, T>, what: string, item: T): void => {
    if (map.has(item.id)) throw duplicate(what, item.id);
    map.set(item.id, copy(item));
  };
  const replace = <T extends { id: string }>(map: Map<string, T>, what: string, item: T): void => {
    if (!map.has(item.id)) throw missing(what, item.id);
    map.set(item.id, copy(item));
  };

  return {
    ...memoryWorkRepositories(t),
    prices: memoryPriceRepository(t),
    workOrders: memoryWorkOrderRepository(t),
    receipts: memoryReceiptRepository(t),
    charges: memoryChargeRepository(t),
    payments: memoryPaymentRepository(t),
    units: {
      async upsert(unit) {
        const existing = [...t.units.values()].find((u) => u.building === unit.building && u.unit === unit.unit);
        const stored: Unit = { ...copy(unit), id: existing?.id ?? newId() };
        t.units.set(stored.id, stored);
        return copy(stored);
      },
      async upsertMany(units) {
        const byAddress = new Map([...t.units.values()].map((u) => [`${u.building}\u0000${u.unit}`, u]));
        return units.map((unit) => {
          const existing = byAddress.get(`${unit.building}\u0000${unit.unit}`);
          const stored: Unit = { ...copy(unit), id: existing?.id ?? newId() };
          t.units.set(stored.id, stored);
          return { unit: copy(stored), created: !existing };
        });
      },
      findById: async (id) => find(t.units, id),
      async findByAddress(building, unit) {
        const found = [...t.units.values()].find((u) => u.building === building && u.unit === unit);
        return found ? copy(found) : null;
      },
      async findManyByAddress(addresses) {
        const wanted = new Set(addresses.map((address) => `${address.building}\u0000${address.unit}`));
        return [...t.units.values()].filter((u) => wanted.has(`${u.building}\u0000${u.unit}`)).map(copy);
      },
      async listBuildings() {
        return [...new Set([...t.units.values()].map((u) => u.building))].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
      },
    },
    residents: {
      async upsert(resident) {
        const existing = [...t.residents.values()].find((r) => r.unitId === resident.unitId && r.phone === resident.phone);
        const stored: Resident = { ...copy(resident), id: existing?.id ?? newId() };
        t.residents.set(stored.id, stored);
        return copy(stored);
      },
      async upsertMany(residents) {
        const byKey = new Map([...t.residents.values()].map((r) => [`${r.unitId}\u0000${r.phone}`, r]));
        for (const resident of residents) {
          const existing = byKey.get(`${resident.unitId}\u0000${resident.phone}`);
          const stored: Resident = { ...copy(resident), id: existing?.id ?? newId() };
          t.residents.set(stored.id, stored);
        }
      },
      async insertMany(residents) {
        for (const resident of residents) {
          if ([...t.residents.values()].some((r) => r.unitId === resident.unitId && r.phone === resident.phone)) throw duplicate("resident", `${resident.unitId}/${resident.phone}`);
          insert(t.residents, "resident", { ...resident, id: newId() });
        }
      },
      findById: async (id) => find(t.residents, id),
      async findByPhone(phone) {
        return [...t.residents.values()].filter((r) => r.phone === phone).sort((a, b) => cmp(a.id, b.id)).map(copy);
      },
      async listByUnit(unitId) {
        return [...t.residents.values()].filter((r) => r.unitId === unitId).sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id)).map(copy);
      },
      async removeRegistryOwnersExcept(unitId, phones) {
        const departed = [...t.residents.values()].filter(
          (r) => r.unitId === unitId && r.role === "owner" && r.source === "registry" && !phones.includes(r.phone),
        );
        for (const resident of departed) t.residents.delete(resident.id);
        return departed.length;
      },
      async removeRegistryOwnersExceptMany(listed) {
        const departed = [...t.residents.values()].filter((r) => {
          const phones = listed.get(r.unitId);
          return phones !== undefined && r.role === "owner" && r.source === "registry" && !phones.includes(r.phone);
        });
        for (const resident of departed) t.residents.delete(resident.id);
        return departed.length;
      },
    },
    staff: {
      async upsert(member) {
        const existing = [...t.staff.values()].find((s) => s.staffUserId === member.staffUserId);
        const stored: StaffMember = { ...copy(member), id: existing?.id ?? newId() };
        t.staff.set(stored.id, stored);
        return copy(stored);
      },
      findById: async (id) => find(t.staff, id),
      async findByUserId(staffUserId) {
        const found = [...t.staff.values()].find((s) => s.staffUserId === staffUserId);
        return found ? copy(found) : null;
      },
      async listByTeam(team, role) {
        return [...t.staff.values()]
          .filter((s) => s.team === team && (role === undefined || s.role === role))
          .sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id))
          .map(copy);
      },
    },
    identities: {
      find: async (ownerUserId) => find(t.identities, ownerUserId),
      async findVerifiedByPhone(phone) {
        return [...t.identities.values()].filter((i) => i.verified && i.phone === phone).sort((a, b) => cmp(a.ownerUserId, b.ownerUserId)).map(copy);
      },
      async save(identity) {
        t.identities.set(identity.ownerUserId, copy(identity));
      },
    },
    verifications: {
      create: async (request) => insert(t.verifications, "verification", request),
      findById: async (id) => find(t.verifications, id),
      async findPendingByOwner(ownerUserId) {
        const pending = [...t.verifications.values()]
          .filter((v) => v.ownerUserId === ownerUserId && v.status === "pending")
          .sort(byTimeThenId((v) => v.createdAt));
        const latest = pending.at(-1);
        return latest ? copy(latest) : null;
      },
      save: async (request) => replace(t.verifications, "verification", request),
    },
    cases: {
      async nextSequence(name) {
        const value = (t.sequences.get(name) ?? 0) + 1;
        t.sequences.set(name, value);
        return value;
      },
      async create(subject) {
        if (t.cases.has(subject.id)) throw duplicate("case", subject.id);
        if ([...t.cases.values()].some((x) => x.number === subject.number)) throw duplicate("case number", subject.number);
        t.cases.set(subject.id, copy(subject));
      },
      findById: async (id) => find(t.cases, id),
      async findByNumber(number) {
        const found = [...t.cases.values()].find((x) => x.number === number);
        return found ? copy(found) : null;
      },
      async update(subject) {
        const stored = t.cases.get(subject.id);
        if (!stored || stored.version !== subject.version - 1) {
          throw new WorkflowError("conflict", `case ${subject.id} changed since it was read (expected version ${subject.version - 1})`, {
            number: subject.number,
          });
        }
        if ([...t.cases.values()].some((x) => x.number === subject.number && x.id !== subject.id)) {
          throw duplicate("case number", subject.number);
        }
        t.cases.set(subject.id, copy(subject));
      },
      async listByReporter(reporterId, limit) {
        return [...t.cases.values()]
          .filter((x) => x.reporterId === reporterId)
          .sort(byTimeThenId((x: Case) => x.createdAt))
          .reverse()
          .slice(0, limit)
          .map(copy);
      },
      async listByKindAndStatus(kind, statuses, limit, afterId) {
        return [...t.cases.values()]
          .filter((x) => x.kind === kind && statuses.includes(x.status) && (afterId === undefined || x.id > afterId))
          .sort((a, b) => cmp(a.id, b.id))
          .slice(0, limit)
          .map(copy);
      },
      async appendEvent(event) {
        if (t.events.some((e) => e.id === event.id)) throw duplicate("case event", event.id);
        t.events.push({ ...copy(event), data: viaJson(event.data) });
      },
      async listEvents(caseId, limit) {
        const events = t.events
          .map((event, index) => ({ event, index }))
          .filter(({ event }) => event.caseId === caseId)
          .sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || a.index - b.index)
          .map(({ event }) => copy(event));
        return limit === undefined ? events : events.slice(Math.max(0, events.length - limit));
      },
    },
    clocks: {
      create: async (clock) => insert(t.clocks, "clock", { ...clock, data: viaJson(clock.data) }),
      findById: async (id) => find(t.clocks, id),
      async listRunning(caseId) {
        return [...t.clocks.values()]
          .filter((c) => c.caseId === caseId && c.stoppedAt === null)
          .sort(byTimeThenId((c) => c.startedAt))
          .map(copy);
      },
      save: async (clock) => replace(t.clocks, "clock", { ...clock, data: viaJson(clock.data) }),
    },
    callbacks: {
      create: async (callback) => insert(t.callbacks, "callback", callback),
      findById: async (id) => find(t.callbacks, id),
      async findOpenByCase(caseId) {
        const open = [...t.callbacks.values()]
          .filter((c) => c.caseId === caseId && (c.status === "scheduled" || c.status === "prompted"))
          .sort(byTimeThenId((c) => c.createdAt));
        const latest = open.at(-1);
        return latest ? copy(latest) : null;
      },
      async listUnfinishedByCase(caseId) {
        return [...t.callbacks.values()]
          .filter((c) => c.caseId === caseId && c.status !== "done" && c.status !== "cancelled")
          .sort(byTimeThenId((c) => c.createdAt))
          .map(copy);
      },
      save: async (callback) => replace(t.callbacks, "callback", callback),
    },
  };
}


function snapshotOf(t: MemoryTables): MemorySnapshot {
  const c = cloneTables(t);
  return {
    units: [...c.units.values()],
    residents: [...c.residents.values()],
    staff: [...c.staff.values()],
    prices: [...c.prices.values()].sort((a, b) => cmp(a.code, b.code)),
    identities: [...c.identities.values()],
    verifications: [...c.verifications.values()],
    cases: [...c.cases.values()],
    events: c.events,
    sequences: Object.fromEntries(c.sequences),
    clocks: [...c.clocks.values()],
    callbacks: [...c.callbacks.values()],
    workOrders: [...c.workOrders.values()],
    receipts: [...c.receipts.values()],
    charges: [...c.charges.values()],
    payments: [...c.payments.values()],
    jobs: [...c.jobs.values()].map(publicJob),
    outbox: [...c.outbox.values()].sort((a, b) => a.seq - b.seq).map(publicOutbox),
    messageRefs: Object.fromEntries(c.messageRefs),
    inbox: [...c.inbox.keys()],
    keyValues: Object.fromEntries([...c.keyValues].map(([key, row]) => [key, row.value])),
  };
}
