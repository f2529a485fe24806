import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { WorkflowError } from "../../../src/core/domain/errors.js";
import type { RepairDetails } from "../../../src/core/kinds/repair/details.js";
import type { Store, UnitOfWork } from "../../../src/core/ports/store.js";
import { aComplaint, aResident, aSlackCard, aStaffMember, aTicket, aUnit, anEvent, minutesAfter, t0 } from "./fixtures.js";
import { claimsContract } from "./store-contract-claims.js";
import { feeLedgerContract } from "./store-contract-fees.js";
import { outboxLeasesContract } from "./store-contract-leases.js";
import { priceStandardContract } from "./store-contract-prices.js";
import { registryBatchesContract } from "./store-contract-registry-batches.js";
import { serviceOrdersContract } from "./store-contract-service.js";
import { durableWorkContract } from "./store-contract-work.js";

/** One store under test, emptied before every test. */
export interface ContractSubject {
  /** An empty store for the next test. */
  fresh(): Promise<UnitOfWork>;
  /**
   * A second way in to the same storage, to race against the first: another connection pool on
   * PostgreSQL; the same store for memory and SQLite (two better-sqlite3 connections in one
   * process would block the event loop on each other's lock, so SQLite's exclusivity across
   * processes rests on BEGIN IMMEDIATE, and within one process on the adapter's mutex).
   */
  another(): Promise<UnitOfWork>;
  close(): Promise<void>;
}

/** What the parts of the suite share: the store of the current test and a second way in. */
export interface ContractContext {
  tx<T>(work: (store: Store) => Promise<T>): Promise<T>;
  uow(): UnitOfWork;
  another(): Promise<UnitOfWork>;
}

/**
 * The behaviour every implementation of the persistence port must show (memory, SQLite,
 * PostgreSQL). The core's use-case tests run on the memory store, so anything it does that a
 * database does not (or the reverse) is a bug this suite must catch.
 */
export function storeContract(open: () => Promise<ContractSubject>): void {
  let subject: ContractSubject;
  let uow: UnitOfWork;
  beforeAll(async () => {
    subject = await open();
  });
  afterAll(async () => {
    await subject?.close();
  });
  beforeEach(async () => {
    uow = await subject.fresh();
  });
  const tx = <T>(work: (store: Store) => Promise<T>): Promise<T> => uow.transaction(work);
  const context: ContractContext = { tx, uow: () => uow, another: () => subject.another() };

  describe("registry", () => {
    it("upserting a unit with the same building and unit number updates it instead of adding another", async () => {
      const first = await tx((s) => s.units.upsert(aUnit({ areaM2: 80 })));
      const second = await tx((s) => s.units.upsert(aUnit({ areaM2: 95.25, warrantyMonths: 36 })));
      expect(second.id).toBe(first.id);
      const found = await tx((s) => s.units.findByAddress("3", "1201"));
      expect(found).toEqual({ ...aUnit({ areaM2: 95.25, warrantyMonths: 36 }), id: first.id });
      expect(await tx((s) => s.units.findById(first.id))).toEqual(found);
      expect(await tx((s) => s.units.findByAddress("3", "1202"))).toBeNull();
    });

    it("lists the register's buildings once each, in natural order, for an owner to choose from", async () => {
      for (const [building, unit] of [["12", "0101"], ["3", "1201"], ["3", "1202"], ["5", "0802"]]) await tx((s) => s.units.upsert(aUnit({ building, unit })));

      expect(await tx((s) => s.units.listBuildings())).toEqual(["3", "5", "12"]);
    });

    it("upserting a resident with the same unit and phone updates name, locale and role", async () => {
      const unit = await tx((s) => s.units.upsert(aUnit()));
      const first = await tx((s) => s.residents.upsert(aResident(unit.id)));
      const second = await tx((s) => s.residents.upsert(aResident(unit.id, { name: "Fang Wang", locale: "en", role: "tenant" })));
      expect(second).toEqual({ ...aResident(unit.id, { name: "Fang Wang", locale: "en", role: "tenant" }), id: first.id });
      expect(await tx((s) => s.residents.findByPhone("+8613800000001"))).toEqual([second]);
    });

    it("findByPhone finds a phone registered in several units, and no one for an unknown phone", async () => {
      const a = await tx((s) => s.units.upsert(aUnit({ unit: "1201" })));
      const b = await tx((s) => s.units.upsert(aUnit({ unit: "1202" })));
      await tx(async (s) => {
        await s.residents.upsert(aResident(a.id));
        await s.residents.upsert(aResident(b.id, { role: "proxy" }));
        await s.residents.upsert(aResident(b.id, { phone: "+8613800000002" }));
      });
      const found = await tx((s) => s.residents.findByPhone("+8613800000001"));
      expect(found.map((r) => r.unitId).sort()).toEqual([a.id, b.id].sort());
      expect(await tx((s) => s.residents.findByPhone("+8613899999999"))).toEqual([]);
    });

    it("listByUnit lists the unit's residents by name, none of another unit's", async () => {
      const a = await tx((s) => s.units.upsert(aUnit({ unit: "1201" })));
      const b = await tx((s) => s.units.upsert(aUnit({ unit: "1202" })));
      await tx(async (s) => {
        await s.residents.upsert(aResident(a.id, { name: "Wang", phone: "+8613800000003" }));
        await s.residents.upsert(aResident(a.id, { name: "Li", phone: "+8613800000004", role: "tenant" }));
        await s.residents.upsert(aResident(b.id, { name: "Zhao" }));
      });
      expect((await tx((s) => s.residents.listByUnit(a.id))).map((r) => r.name)).toEqual(["Li", "Wang"]);
    });

    it("findVerifiedByPhone finds the verified identities that shared a phone, not the unverified ones", async () => {
      const identity = (ownerUserId: string, verified: boolean) => ({ ownerUserId, chatId: ownerUserId, locale: "zh-CN" as const, displayName: "W", phone: "+8613800000009", verified });
      await tx(async (s) => {
        await s.identities.save(identity("901", true));
        await s.identities.save(identity("902", false));
      });
      expect(await tx((s) => s.identities.findVerifiedByPhone("+8613800000009"))).toEqual([identity("901", true)]);
    });

    it("upserting a resident records who vouched for them last: the registry or the front desk", async () => {
      const unit = await tx((s) => s.units.upsert(aUnit()));
      const approved = await tx((s) => s.residents.upsert(aResident(unit.id, { source: "front_desk" })));
      expect(await tx((s) => s.residents.findById(approved.id))).toMatchObject({ source: "front_desk" });
      await tx((s) => s.residents.upsert(aResident(unit.id)));
      expect(await tx((s) => s.residents.findById(approved.id))).toMatchObject({ source: "registry" });
    });

    it("removeRegistryOwnersExcept deletes only the unit's registry owners whose phone is not listed, and counts them", async () => {
      const unit = await tx((s) => s.units.upsert(aUnit({ unit: "1201" })));
      const other = await tx((s) => s.units.upsert(aUnit({ unit: "1202" })));
      const kept = await tx(async (s) => [
        await s.residents.upsert(aResident(unit.id, { phone: "+8613800000001" })),
        await s.residents.upsert(aResident(unit.id, { phone: "+8613800000004", source: "front_desk" })),
        await s.residents.upsert(aResident(unit.id, { phone: "+8613800000005", role: "tenant" })),
        await s.residents.upsert(aResident(other.id, { phone: "+8613800000002" })),
      ]);
      await tx(async (s) => {
        await s.residents.upsert(aResident(unit.id, { phone: "+8613800000002" }));
        await s.residents.upsert(aResident(unit.id, { phone: "+8613800000003" }));
      });

      const removed = await tx((s) => s.residents.removeRegistryOwnersExcept(unit.id, ["+8613800000001"]));

      expect(removed).toBe(2);
      const left = await tx(async (s) => (await Promise.all(["1", "2", "3", "4", "5"].map((n) => s.residents.findByPhone(`+861380000000${n}`)))).flat());
      expect(left.map((r) => r.id).sort()).toEqual(kept.map((r) => r.id).sort());
      expect(await tx((s) => s.residents.removeRegistryOwnersExcept(unit.id, ["+8613800000001"]))).toBe(0);
      expect(await tx((s) => s.residents.removeRegistryOwnersExcept(other.id, []))).toBe(1);
    });

    it("staff are upserted by Slack user id; listByTeam filters by team and role and orders by name", async () => {
      const first = await tx((s) => s.staff.upsert(aStaffMember({ staffUserId: "U1", name: "Zhou" })));
      const again = await tx((s) => s.staff.upsert(aStaffMember({ staffUserId: "U1", name: "Zhou", role: "leader" })));
      expect(again.id).toBe(first.id);
      await tx(async (s) => {
        await s.staff.upsert(aStaffMember({ staffUserId: "U2", name: "Bob" }));
        await s.staff.upsert(aStaffMember({ staffUserId: "U3", name: "alice" }));
        await s.staff.upsert(aStaffMember({ staffUserId: "U4", name: "Amy", team: "cleaning" }));
      });
      const team = await tx((s) => s.staff.listByTeam("maintenance"));
      expect(team.map((m) => m.name)).toEqual(["Bob", "Zhou", "alice"]);
      expect((await tx((s) => s.staff.listByTeam("maintenance", "leader"))).map((m) => m.staffUserId)).toEqual(["U1"]);
      expect(await tx((s) => s.staff.findByUserId("U1"))).toEqual(again);
      expect(await tx((s) => s.staff.findById(first.id))).toEqual(again);
    });

    it("an identity is saved whole and found by its Telegram user id", async () => {
      const identity = { ownerUserId: "7001", chatId: "7001", locale: "zh-CN" as const, displayName: "王芳", phone: null, verified: false };
      await tx((s) => s.identities.save(identity));
      await tx((s) => s.identities.save({ ...identity, phone: "+8613800000001", verified: true }));
      expect(await tx((s) => s.identities.find("7001"))).toEqual({ ...identity, phone: "+8613800000001", verified: true });
      expect(await tx((s) => s.identities.find("7002"))).toBeNull();
    });

    it("an identity not yet verified is found unverified, with no phone, in English when it chose English", async () => {
      const identity = { ownerUserId: "7003", chatId: "7003", locale: "en" as const, displayName: "Tom Baker", phone: null, verified: false };
      await tx((s) => s.identities.save(identity));
      expect(await tx((s) => s.identities.find("7003"))).toStrictEqual(identity);
    });

    it("a verification of an address the register lacks is kept with no unit, as the owner typed it", async () => {
      const request = { id: randomUUID(), ownerUserId: "7009", name: "陈静", phone: "+8613800000009", building: "7", unit: "0301", unitId: null, status: "pending" as const, decidedBy: null, createdAt: t0, decidedAt: null };

      await tx((s) => s.verifications.create(request));

      expect(await tx((s) => s.verifications.findById(request.id))).toEqual(request);
    });

    it("the pending verification of a Telegram user is their latest pending one; saving an unknown one is not_found", async () => {
      const base = { ownerUserId: "7001", name: "王芳", phone: "+8613800000001", building: "3", unit: "1201", unitId: "u1", decidedBy: null, decidedAt: null };
      const older = { ...base, id: randomUUID(), status: "pending" as const, createdAt: t0 };
      const newer = { ...base, id: randomUUID(), status: "pending" as const, createdAt: minutesAfter(t0, 1) };
      await tx(async (s) => {
        await s.verifications.create(older);
        await s.verifications.create(newer);
      });
      expect(await tx((s) => s.verifications.findPendingByOwner("7001"))).toEqual(newer);
      const decided = { ...newer, status: "approved" as const, decidedBy: "U1", decidedAt: minutesAfter(t0, 2) };
      await tx((s) => s.verifications.save(decided));
      expect(await tx((s) => s.verifications.findById(newer.id))).toEqual(decided);
      expect(await tx((s) => s.verifications.findPendingByOwner("7001"))).toEqual(older);
      await expect(tx((s) => s.verifications.save({ ...older, id: randomUUID() }))).rejects.toMatchObject({ code: "not_found" });
    });
  });

  describe("cases", () => {
    it("a repair case round-trips every header and details field, photos and nullable instants included", async () => {
      const ticket = aTicket({ assigneeId: "s1", details: { appointmentAt: minutesAfter(t0, 90), ownerFixedAnswer: "yes", publicArea: "lobby" } });
      await tx((s) => s.cases.create(ticket));
      expect(await tx((s) => s.cases.findById(ticket.id))).toEqual(ticket);
      expect(await tx((s) => s.cases.findByNumber(ticket.number))).toEqual(ticket);
      expect(await tx((s) => s.cases.findByNumber("R-0000-000000"))).toBeNull();
    });

    it("a complaint case round-trips every details field: instants, texts, photos, tier and department", async () => {
      const complaint = aComplaint({
        status: "resolved",
        assigneeId: "s1",
        linkedCaseId: "repair-9",
        details: {
          subject: "facilities",
          about: "the lift contractor",
          ownerDeadline: minutesAfter(t0, 3 * 24 * 60),
          photos: ["file-1", "file-2"],
          channel: "letter",
          suggestedTier: "major",
          tier: "service_error",
          classifiedAt: minutesAfter(t0, 10),
          department: "maintenance",
          acknowledgedAt: minutesAfter(t0, 5),
          contactedAt: minutesAfter(t0, 20),
          answer: "The lift is repaired and inspected",
          answeredAt: minutesAfter(t0, 60),
          resolution: "Lift 2 back in service",
          resolvedAt: minutesAfter(t0, 120),
          resolveBy: minutesAfter(t0, 7 * 24 * 60),
          ownerVerdict: "resolved",
          invalidReply: "Not ours to decide, but here is who can help",
          harmRepairId: "repair-9",
        },
      });
      const unclassified = aComplaint();

      await tx(async (s) => {
        await s.cases.create(complaint);
        await s.cases.create(unclassified);
      });

      expect(await tx((s) => s.cases.findById(complaint.id))).toEqual(complaint);
      expect(await tx((s) => s.cases.findByNumber(complaint.number))).toEqual(complaint);
      expect(await tx((s) => s.cases.findById(unclassified.id))).toEqual(unclassified);
    });

    it("a complaint's classification, routing and deadlines are written by update; a cleared field reads back null", async () => {
      const complaint = aComplaint({ details: { ownerDeadline: minutesAfter(t0, 600), about: "the night guard" } });
      await tx((s) => s.cases.create(complaint));
      const classified = {
        ...complaint,
        status: "open",
        team: "security" as const,
        updatedAt: minutesAfter(t0, 15),
        version: 2,
        details: {
          ...complaint.details,
          tier: "major" as const,
          classifiedAt: minutesAfter(t0, 15),
          department: "security" as const,
          acknowledgedAt: minutesAfter(t0, 16),
          resolveBy: minutesAfter(t0, 24 * 60),
          ownerDeadline: null,
          about: null,
        },
      };

      await tx((s) => s.cases.update(classified));

      expect(await tx((s) => s.cases.findById(complaint.id))).toEqual(classified);
      await expect(tx((s) => s.cases.update({ ...complaint, version: 2 }))).rejects.toMatchObject({ code: "conflict" });
      expect(await tx((s) => s.cases.findById(complaint.id))).toEqual(classified);
    });

    it("listByReporter gives a reporter's complaints and repairs together, newest first, each with its own details", async () => {
      const reporterId = randomUUID();
      const repair = aTicket({ reporterId, createdAt: t0 });
      const complaint = aComplaint({ reporterId, createdAt: minutesAfter(t0, 1), details: { tier: "minor", department: "cleaning" } });
      await tx(async (s) => {
        await s.cases.create(repair);
        await s.cases.create(complaint);
        await s.cases.create(aComplaint());
      });

      expect(await tx((s) => s.cases.listByReporter(reporterId, 10))).toEqual([complaint, repair]);
    });

    it("an update is written only over version - 1; otherwise it is a conflict and the stored ticket stays", async () => {
      const ticket = aTicket();
      await tx((s) => s.cases.create(ticket));
      const claimed = { ...ticket, status: "assigned", assigneeId: "s1", details: { ...ticket.details, appointmentAt: minutesAfter(t0, 30) }, version: 2 };
      await tx((s) => s.cases.update(claimed));
      const stale = { ...ticket, status: "cancelled", version: 2 };
      const error = await tx((s) => s.cases.update(stale)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WorkflowError);
      expect(error).toMatchObject({ code: "conflict" });
      expect(await tx((s) => s.cases.findById(ticket.id))).toEqual(claimed);
      await expect(tx((s) => s.cases.update(aTicket({ version: 2 })))).rejects.toMatchObject({ code: "conflict" });
    });

    it("a second ticket with an existing number is rejected", async () => {
      const ticket = aTicket();
      await tx((s) => s.cases.create(ticket));
      await expect(tx((s) => s.cases.create(aTicket({ number: ticket.number })))).rejects.toThrow();
    });

    it("listByReporter gives the reporter's newest tickets first, up to the limit", async () => {
      const reporterId = randomUUID();
      const tickets = [0, 1, 2].map((i) => aTicket({ reporterId, createdAt: minutesAfter(t0, i) }));
      await tx(async (s) => {
        for (const ticket of tickets) await s.cases.create(ticket);
        await s.cases.create(aTicket());
      });
      const listed = await tx((s) => s.cases.listByReporter(reporterId, 2));
      expect(listed.map((t) => t.id)).toEqual([tickets[2]?.id, tickets[1]?.id]);
    });

    it("events are listed oldest first with same-instant ties in writing order; a limit keeps the latest, still oldest first", async () => {
      const ticketId = randomUUID();
      const events = [
        anEvent(ticketId, { type: "reported", at: t0 }),
        anEvent(ticketId, { type: "claimed", at: minutesAfter(t0, 5), actor: { type: "staff", id: "s1" }, fromStatus: "new", toStatus: "assigned" }),
        anEvent(ticketId, { type: "noted", at: minutesAfter(t0, 5), actor: { type: "owner", id: "r1" }, data: { text: "hi", n: 2 } }),
        anEvent(ticketId, { type: "proposed", at: minutesAfter(t0, 9) }),
      ];
      await tx(async (s) => {
        for (const event of [events[0], events[1], events[3], events[2]]) if (event) await s.cases.appendEvent(event);
        await s.cases.appendEvent(anEvent(randomUUID()));
      });
      const byType = (list: { type: string }[]) => list.map((e) => e.type);
      expect(byType(await tx((s) => s.cases.listEvents(ticketId)))).toEqual(["reported", "claimed", "noted", "proposed"]);
      expect(await tx((s) => s.cases.listEvents(ticketId, 2))).toEqual([events[2], events[3]]);
      expect(await tx((s) => s.cases.listEvents(ticketId, 10))).toHaveLength(4);
    });

    it("event data is stored as JSON: a Date inside comes back as its ISO string", async () => {
      const event = anEvent(randomUUID(), { data: { at: t0, nested: { list: [1, "two"] } } });
      await tx((s) => s.cases.appendEvent(event));
      const [stored] = await tx((s) => s.cases.listEvents(event.caseId));
      expect(stored?.data).toEqual({ at: t0.toISOString(), nested: { list: [1, "two"] } });
    });

    it("sequences count from 1 per name and hand out distinct numbers to concurrent transactions", async () => {
      expect(await tx(async (s) => [await s.cases.nextSequence("R-2026"), await s.cases.nextSequence("R-2026")])).toEqual([1, 2]);
      expect(await tx((s) => s.cases.nextSequence("R-2027"))).toBe(1);
      const other = await subject.another();
      const numbers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? uow : other).transaction((s) => s.cases.nextSequence("R-2026"))),
      );
      expect([...numbers].sort((a, b) => a - b)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    });
  });

  describe("clocks and callbacks", () => {
    it("running clocks are the case's unstopped ones by start; save writes the whole clock, its subject too", async () => {
      const ticketId = randomUUID();
      const clock = (startedAt: Date) => ({
        id: randomUUID(),
        caseId: ticketId,
        rule: "repair.callback.ordinary",
        subject: { type: "callback", id: "callback-1" },
        startedAt,
        dueAt: minutesAfter(startedAt, 60),
        breachAt: null,
        stoppedAt: null,
        escalatedAt: null,
        data: { attempt: 1, note: "x" },
      });
      const [late, early, stopped] = [clock(minutesAfter(t0, 10)), clock(t0), clock(minutesAfter(t0, 5))];
      await tx(async (s) => {
        for (const c of [late, early, stopped]) await s.clocks.create(c);
        await s.clocks.save({ ...stopped, stoppedAt: minutesAfter(t0, 6), data: { attempt: 2 } });
      });
      expect(await tx((s) => s.clocks.listRunning(ticketId))).toEqual([early, late]);
      expect(await tx((s) => s.clocks.findById(stopped.id))).toEqual({ ...stopped, stoppedAt: minutesAfter(t0, 6), data: { attempt: 2 } });
      await expect(tx((s) => s.clocks.save(clock(t0)))).rejects.toMatchObject({ code: "not_found" });
    });

    it("the open callback of a case is its latest scheduled or prompted one", async () => {
      const ticketId = randomUUID();
      const callback = (createdAt: Date, status: "scheduled" | "prompted" | "done") => ({
        id: randomUUID(),
        caseId: ticketId,
        dueAt: minutesAfter(createdAt, 60),
        status,
        attempts: 0,
        outcome: null,
        recordedBy: null,
        recordedAt: null,
        createdAt,
      });
      const first = callback(t0, "prompted");
      const done = callback(minutesAfter(t0, 10), "done");
      await tx(async (s) => {
        await s.callbacks.create(first);
        await s.callbacks.create(done);
      });
      expect(await tx((s) => s.callbacks.findOpenByCase(ticketId))).toEqual(first);
      const answered = { ...first, status: "done" as const, outcome: "satisfied" as const, recordedBy: "s1", recordedAt: minutesAfter(t0, 20), attempts: 1 };
      await tx((s) => s.callbacks.save(answered));
      expect(await tx((s) => s.callbacks.findOpenByCase(ticketId))).toBeNull();
      expect(await tx((s) => s.callbacks.findById(first.id))).toEqual(answered);
    });

    it("a case's unfinished callbacks are every round not done or cancelled, unreachable included, oldest first", async () => {
      const ticketId = randomUUID();
      const callback = (createdAt: Date, status: "scheduled" | "prompted" | "done" | "unreachable" | "cancelled") => ({
        id: randomUUID(),
        caseId: ticketId,
        dueAt: minutesAfter(createdAt, 60),
        status,
        attempts: 0,
        outcome: null,
        recordedBy: null,
        recordedAt: null,
        createdAt,
      });
      const unreachable = callback(t0, "unreachable");
      const scheduled = callback(minutesAfter(t0, 20), "scheduled");
      await tx(async (s) => {
        await s.callbacks.create(callback(minutesAfter(t0, 5), "done"));
        await s.callbacks.create(callback(minutesAfter(t0, 10), "cancelled"));
        await s.callbacks.create(scheduled);
        await s.callbacks.create(unreachable);
      });
      expect(await tx((s) => s.callbacks.listUnfinishedByCase(ticketId))).toEqual([unreachable, scheduled]);
    });
  });

  durableWorkContract(context);
  claimsContract(context);
  registryBatchesContract(context);
  priceStandardContract(context);
  serviceOrdersContract(context);
  outboxLeasesContract(context);
  feeLedgerContract(context);

  describe("transactions", () => {
    it("a transaction whose callback throws leaves nothing behind and rethrows the same error", async () => {
      const boom = new WorkflowError("invalid_input", "rolled back on purpose");
      const ticket = aTicket();
      const thrown = await tx(async (s) => {
        await s.units.upsert(aUnit());
        await s.cases.nextSequence("R-2026");
        await s.cases.create(ticket);
        await s.cases.appendEvent(anEvent(ticket.id));
        await s.jobs.enqueue({ id: randomUUID(), runAt: t0, payload: { type: "clock.due", clockId: "c" } });
        await s.outbox.enqueue({ id: randomUUID(), payload: aSlackCard(), createdAt: t0 });
        await s.inbox.recordOnce("telegram", "1", t0);
        await s.keyValues.set("k", "v");
        throw boom;
      }).catch((e: unknown) => e);
      expect(thrown).toBe(boom);
      const after = await tx(async (s) => ({
        unit: await s.units.findByAddress("3", "1201"),
        ticket: await s.cases.findById(ticket.id),
        events: await s.cases.listEvents(ticket.id),
        jobs: await s.jobs.listPending(null, 10),
        outbox: await s.outbox.countByStatus(),
        kv: await s.keyValues.get("k"),
        sequence: await s.cases.nextSequence("R-2026"),
        seenBefore: !(await s.inbox.recordOnce("telegram", "1", t0)),
      }));
      expect(after).toEqual({
        unit: null,
        ticket: null,
        events: [],
        jobs: [],
        outbox: { pending: 0, sending: 0, sent: 0, dead: 0 },
        kv: null,
        sequence: 1,
        seenBefore: false,
      });
    });

    it("objects returned by the store are copies: mutating them changes nothing stored", async () => {
      const ticket = aTicket();
      await tx((s) => s.cases.create(ticket));
      const read = await tx((s) => s.cases.findById(ticket.id));
      (read!.details as RepairDetails).photos.push("mutated");
      read!.status = "closed";
      ticket.details.photos.push("mutated input");
      expect(await tx((s) => s.cases.findById(ticket.id))).toMatchObject({ details: { photos: ["file-1", "file-2"] }, status: "new" });
    });
  });
}
