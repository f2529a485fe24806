import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { issueReceipt } from "../../../src/core/case/machinery/receipts.js";
import type { Case } from "../../../src/core/case/case.js";
import type { ContractContext } from "./store-contract.js";
import { aChargeLine, aReceipt, aServiceOrder, aTicket, aWorkOrder, minutesAfter, t0 } from "./fixtures.js";

const day = 24 * 60;
const byId = (a: Case, b: Case) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Service orders, their work orders (the package register) and receipts, on every store. */
export function serviceOrdersContract({ tx, uow, another }: ContractContext): void {
  describe("service orders", () => {
    it("a package's details round-trip every field: fractional area and hours, quote lines, the schedule's weekdays, time and weeks", async () => {
      const quoteLines = [
        aChargeLine({ code: "GR-MONTHLY", nameZh: "包月绿化养护", nameEn: "Monthly greening care", quantity: 1, unitPriceFen: 60_000, amountFen: 60_000 }),
        aChargeLine({ code: "GR-LAWN", nameZh: "草坪修剪", nameEn: "Lawn mowing", quantity: 12.25, unitPriceFen: 333, amountFen: 4_079 }),
      ];
      const order = aServiceOrder({
        status: "active",
        team: "greening",
        assigneeId: "staff-1",
        details: {
          serviceType: "greening_monthly",
          priceCode: "GR-MONTHLY",
          isPackage: true,
          onsitePricing: true,
          areaM2: 89.5,
          hours: 2.5,
          specialRequests: "请不要修剪门口的桂花",
          preferredTime: "周末上午",
          estimateFen: null,
          siteVisitAt: minutesAfter(t0, 60),
          quoteLines,
          quoteTotalFen: 64_079,
          quoteAnswer: "accepted",
          agreedFen: 64_079,
          packageSchedule: { weekdays: [2, 6], time: "09:30", weeksOfMonth: [1, 3] },
          appointmentAt: minutesAfter(t0, 2 * day),
          ownerTimeRequest: "下午更好",
          completedAt: minutesAfter(t0, 3 * day),
          acceptedAt: minutesAfter(t0, 3 * day + 30),
          problemReport: "阳台的花没有浇水",
          endedAt: minutesAfter(t0, 40 * day),
          intakeChannel: "counter",
        },
      });

      await tx((s) => s.cases.create(order));

      expect(await tx((s) => s.cases.findById(order.id))).toEqual(order);
      expect(await tx((s) => s.cases.findByNumber(order.number))).toEqual(order);
    });

    it("an order with nothing priced, quoted or scheduled reads back its nulls and no quote lines; a weekly schedule keeps weeks of the month null", async () => {
      const bare = aServiceOrder({ details: { serviceType: "cleaning_whole_flat", priceCode: "CL-WHOLE-FLAT", onsitePricing: true, areaM2: null, hours: null, estimateFen: null } });
      const weekly = aServiceOrder({ details: { serviceType: "cleaning_monthly", priceCode: "CL-MONTHLY", isPackage: true, packageSchedule: { weekdays: [1, 3, 5], time: "08:00", weeksOfMonth: null } } });

      await tx(async (s) => {
        await s.cases.create(bare);
        await s.cases.create(weekly);
      });

      expect(await tx((s) => s.cases.findById(bare.id))).toEqual(bare);
      expect(await tx((s) => s.cases.findById(weekly.id))).toEqual(weekly);
    });

    it("update writes the quote and the schedule and clears what the order no longer has; removing the schedule reads back null", async () => {
      const order = aServiceOrder({
        details: { appointmentAt: minutesAfter(t0, 60), ownerTimeRequest: "after 18:00", problemReport: "the kitchen was skipped", packageSchedule: { weekdays: [7], time: "10:00", weeksOfMonth: [2, 4] } },
      });
      await tx((s) => s.cases.create(order));
      const quoted = {
        ...order,
        status: "quoted",
        updatedAt: minutesAfter(t0, 30),
        version: 2,
        details: {
          ...order.details,
          quoteLines: [aChargeLine()],
          quoteTotalFen: 71_600,
          packageSchedule: { weekdays: [1, 4], time: "14:15", weeksOfMonth: null },
          appointmentAt: null,
          ownerTimeRequest: null,
          problemReport: null,
        },
      };

      await tx((s) => s.cases.update(quoted));
      expect(await tx((s) => s.cases.findById(order.id))).toEqual(quoted);

      const unscheduled = { ...quoted, version: 3, details: { ...quoted.details, packageSchedule: null, quoteLines: [] } };
      await tx((s) => s.cases.update(unscheduled));
      expect(await tx((s) => s.cases.findById(order.id))).toEqual(unscheduled);
    });

    it("a paid repair's charge lines round-trip; a warranty repair has none", async () => {
      const paid = aTicket({ details: { billing: "paid", chargeLines: [aChargeLine({ code: "MT-TAP", nameZh: "更换水龙头", nameEn: "Replace a tap", quantity: 2, unitPriceFen: 3_000, amountFen: 6_000 })] } });
      const warranty = aTicket();

      await tx(async (s) => {
        await s.cases.create(paid);
        await s.cases.create(warranty);
      });

      expect(await tx((s) => s.cases.findById(paid.id))).toEqual(paid);
      expect((await tx((s) => s.cases.findById(warranty.id)))?.details).toMatchObject({ chargeLines: [] });
    });

    it("listByKindAndStatus pages through one kind's cases in the given statuses by id, each page after the last id of the one before", async () => {
      const statuses = ["active", "active", "scheduled", "active", "ended", "active", "new", "scheduled", "active"];
      const orders = statuses.map((status) => aServiceOrder({ status }));
      await tx(async (s) => {
        for (const order of orders) await s.cases.create(order);
        await s.cases.create(aTicket({ status: "scheduled" }));
      });
      const wanted = orders.filter((order) => order.status === "active" || order.status === "scheduled").sort(byId);

      const pages: Case[][] = [];
      let afterId: string | undefined;
      for (;;) {
        const page = await tx((s) => s.cases.listByKindAndStatus("service", ["active", "scheduled"], 3, afterId));
        if (page.length === 0) break;
        pages.push(page);
        afterId = page[page.length - 1]?.id;
      }

      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(wanted);
      expect((await tx((s) => s.cases.listByKindAndStatus("service", ["ended"], 10))).map((c) => c.id)).toEqual([orders[4]?.id]);
      expect(await tx((s) => s.cases.listByKindAndStatus("service", ["active"], 0))).toEqual([]);
    });
  });

  describe("work orders", () => {
    it("createOnce opens a visit once: a second run for the same order and instant creates nothing, keeps the first and leaves the transaction usable", async () => {
      const order = aServiceOrder();
      const first = aWorkOrder(order.id, order.number);
      const again = aWorkOrder(order.id, order.number, { sequence: 2, status: "proposed" });
      const later = aWorkOrder(order.id, order.number, { sequence: 2, scheduledAt: minutesAfter(t0, 7 * day) });

      expect(await tx((s) => s.workOrders.createOnce(first))).toBe(true);
      const second = await tx(async (s) => [await s.workOrders.createOnce(again), await s.workOrders.createOnce(later)]);

      expect(second).toEqual([false, true]);
      expect(await tx((s) => s.workOrders.listByCase(order.id))).toEqual([first, later]);
      expect(await tx((s) => s.workOrders.findById(first.id))).toEqual(first);
      expect(await tx((s) => s.workOrders.findByNumber(later.number))).toEqual(later);
      expect(await tx((s) => s.workOrders.findById(again.id))).toBeNull();
      expect(await tx((s) => s.workOrders.findByNumber(`${order.number}-99`))).toBeNull();
    });

    it("createOnce of a number already used, at another instant, is an error rather than a silent skip", async () => {
      const order = aServiceOrder();
      const first = aWorkOrder(order.id, order.number);
      await tx((s) => s.workOrders.createOnce(first));

      await expect(tx((s) => s.workOrders.createOnce(aWorkOrder(order.id, order.number, { scheduledAt: minutesAfter(t0, day) })))).rejects.toThrow();
      await expect(tx((s) => s.workOrders.createOnce({ ...first, scheduledAt: minutesAfter(t0, 2 * day), number: `${order.number}-02` }))).rejects.toThrow();

      expect(await tx((s) => s.workOrders.listByCase(order.id))).toEqual([first]);
    });

    it("two generation runs at once open each visit once", async () => {
      const order = aServiceOrder();
      const other = await another();
      const created = await Promise.all(
        [uow(), other, uow(), other].map((way) => way.transaction((s) => s.workOrders.createOnce(aWorkOrder(order.id, order.number, { scheduledAt: minutesAfter(t0, day) })))),
      );

      expect(created.filter(Boolean)).toHaveLength(1);
      expect(await tx((s) => s.workOrders.listByCase(order.id))).toHaveLength(1);
    });

    it("listByMonth gives a month's work orders by order and sequence, of the given statuses only", async () => {
      const [a, b] = [aServiceOrder(), aServiceOrder()].sort(byId);
      if (!a || !b) throw new Error("two orders");
      const visit = (caseId: string, number: string, sequence: number, days: number, month: string, status: "scheduled" | "done" | "accepted" | "cancelled") =>
        aWorkOrder(caseId, number, { sequence, scheduledAt: minutesAfter(t0, days * day), month, status });
      const orders = [
        visit(b.id, b.number, 2, 14, "2026-03", "accepted"),
        visit(a.id, a.number, 3, 30, "2026-04", "scheduled"),
        visit(a.id, a.number, 2, 7, "2026-03", "done"),
        visit(b.id, b.number, 1, 0, "2026-03", "cancelled"),
        visit(a.id, a.number, 1, 0, "2026-03", "scheduled"),
      ];
      await tx(async (s) => {
        for (const order of orders) await s.workOrders.createOnce(order);
      });
      const numbers = (list: { number: string }[]) => list.map((o) => o.number);

      expect(numbers(await tx((s) => s.workOrders.listByMonth("2026-03")))).toEqual([`${a.number}-01`, `${a.number}-02`, `${b.number}-01`, `${b.number}-02`]);
      expect(numbers(await tx((s) => s.workOrders.listByMonth("2026-03", ["done", "accepted"])))).toEqual([`${a.number}-02`, `${b.number}-02`]);
      expect(await tx((s) => s.workOrders.listByMonth("2026-04", ["cancelled"]))).toEqual([]);
      expect(await tx((s) => s.workOrders.listByMonth("2026-05"))).toEqual([]);
    });

    it("maxSequence is the highest sequence a case's work orders used, a cancelled one included, and 0 for a case without any", async () => {
      const order = aServiceOrder();
      await tx(async (s) => {
        await s.workOrders.createOnce(aWorkOrder(order.id, order.number, { sequence: 1 }));
        await s.workOrders.createOnce(aWorkOrder(order.id, order.number, { sequence: 3, status: "cancelled", scheduledAt: minutesAfter(t0, day) }));
        await s.workOrders.createOnce(aWorkOrder(order.id, order.number, { sequence: 2, scheduledAt: minutesAfter(t0, 2 * day) }));
      });

      expect(await tx((s) => s.workOrders.maxSequence(order.id))).toBe(3);
      expect(await tx((s) => s.workOrders.maxSequence(randomUUID()))).toBe(0);
    });

    it("save writes every field of a visit: the proposed time, the owner's wish, the new time, the problem and the instants", async () => {
      const order = aServiceOrder();
      const visit = aWorkOrder(order.id, order.number);
      await tx((s) => s.workOrders.createOnce(visit));
      const proposed = { ...visit, status: "proposed" as const, proposedAt: minutesAfter(t0, 90), ownerTimeRequest: "下午三点以后", updatedAt: minutesAfter(t0, 5) };

      await tx((s) => s.workOrders.save(proposed));
      expect(await tx((s) => s.workOrders.findById(visit.id))).toEqual(proposed);

      const done = {
        ...proposed,
        status: "done" as const,
        scheduledAt: minutesAfter(t0, 90),
        proposedAt: null,
        ownerTimeRequest: null,
        problemReport: "窗台没有擦",
        startedAt: minutesAfter(t0, 95),
        completedAt: minutesAfter(t0, 200),
        acceptedAt: minutesAfter(t0, 260),
        updatedAt: minutesAfter(t0, 260),
      };
      await tx((s) => s.workOrders.save(done));
      expect(await tx((s) => s.workOrders.findByNumber(visit.number))).toEqual(done);
    });

    it("saving an unknown work order is not_found; moving a visit onto another visit's instant of the same order is refused", async () => {
      const order = aServiceOrder();
      const first = aWorkOrder(order.id, order.number);
      const second = aWorkOrder(order.id, order.number, { sequence: 2, scheduledAt: minutesAfter(t0, day) });
      await tx(async (s) => {
        await s.workOrders.createOnce(first);
        await s.workOrders.createOnce(second);
      });

      await expect(tx((s) => s.workOrders.save(aWorkOrder(order.id, order.number, { sequence: 9 })))).rejects.toMatchObject({ code: "not_found" });
      await expect(tx((s) => s.workOrders.save({ ...second, scheduledAt: t0 }))).rejects.toThrow();
      expect(await tx((s) => s.workOrders.listByCase(order.id))).toEqual([first, second]);
    });
  });

  describe("receipts", () => {
    it("a receipt round-trips its lines with fractional quantities, its amount, work order and period", async () => {
      const lines = [aChargeLine(), aChargeLine({ code: "CL-HOURLY", nameZh: "钟点清洁", nameEn: "Hourly cleaning", quantity: 2.5, unitPriceFen: 5_000, amountFen: 12_500 })];
      const receipt = aReceipt({ lines, amountFen: 84_100, workOrderId: randomUUID(), period: "2026-03" });

      await tx((s) => s.receipts.create(receipt));

      expect(await tx((s) => s.receipts.findById(receipt.id))).toEqual(receipt);
      expect(await tx((s) => s.receipts.findByNumber(receipt.number))).toEqual(receipt);
      expect(await tx((s) => s.receipts.findByNumber("RC-2026-999999"))).toBeNull();
    });

    it("a receipt number is never used twice", async () => {
      const receipt = aReceipt();
      await tx((s) => s.receipts.create(receipt));

      await expect(tx((s) => s.receipts.create(aReceipt({ number: receipt.number })))).rejects.toThrow();
      expect(await tx((s) => s.receipts.listByCase(receipt.caseId ?? ""))).toEqual([receipt]);
    });

    it("a case has at most one receipt per period; receipts without a period, without a case, or of another case never collide", async () => {
      const caseId = randomUUID();
      const march = aReceipt({ caseId, period: "2026-03" });
      await tx((s) => s.receipts.create(march));

      await expect(tx((s) => s.receipts.create(aReceipt({ caseId, period: "2026-03" })))).rejects.toThrow();

      const fine = [
        aReceipt({ caseId, period: "2026-04", issuedAt: minutesAfter(t0, 1) }),
        aReceipt({ caseId: randomUUID(), period: "2026-03" }),
        aReceipt({ caseId, period: null, issuedAt: minutesAfter(t0, 2) }),
        aReceipt({ caseId, period: null, issuedAt: minutesAfter(t0, 3) }),
        aReceipt({ caseId: null, period: "2026-03" }),
        aReceipt({ caseId: null, period: "2026-03" }),
      ];
      for (const receipt of fine) await tx((s) => s.receipts.create(receipt));

      expect((await tx((s) => s.receipts.listByCase(caseId))).map((r) => r.id)).toEqual([march, fine[0], fine[2], fine[3]].map((r) => r?.id));
    });

    it("listIssuedBetween includes the first instant and excludes the last, ordered by number", async () => {
      const from = t0;
      const to = minutesAfter(t0, 31 * day);
      const at = (ms: number) => new Date(ms);
      const [before, first, middle, last, after] = [
        aReceipt({ number: "RC-2026-000001", issuedAt: at(from.getTime() - 1) }),
        aReceipt({ number: "RC-2026-000004", issuedAt: from }),
        aReceipt({ number: "RC-2026-000002", issuedAt: minutesAfter(from, 10 * day) }),
        aReceipt({ number: "RC-2026-000003", issuedAt: at(to.getTime() - 1) }),
        aReceipt({ number: "RC-2026-000005", issuedAt: to }),
      ];
      await tx(async (s) => {
        for (const receipt of [after, middle, before, last, first]) if (receipt) await s.receipts.create(receipt);
      });

      expect(await tx((s) => s.receipts.listIssuedBetween(from, to))).toEqual([middle, last, first]);
    });

    it("20 acceptances at once each issue a receipt and 5 of them roll back: the 15 kept are RC-<local year>-000001..000015, no gap, no duplicate", async () => {
      // 00:30 on 1 January in Shanghai: the receipt's year is the property's, not UTC's.
      const now = new Date("2026-12-31T16:30:00Z");
      const other = await another();
      const outcomes = await Promise.allSettled(
        Array.from({ length: 20 }, (_, i) =>
          (i % 2 === 0 ? uow() : other).transaction(async (s) => {
            const receipt = await issueReceipt(s, { caseId: randomUUID(), unitId: randomUUID(), payerId: randomUUID(), lines: [aChargeLine()] }, now, "Asia/Shanghai");
            if (i % 4 === 3) throw new Error(`acceptance ${i} failed after its receipt`);
            return receipt.number;
          }),
        ),
      );
      const expected = Array.from({ length: 15 }, (_, i) => `RC-2027-${String(i + 1).padStart(6, "0")}`);

      expect(outcomes.filter((outcome) => outcome.status === "rejected")).toHaveLength(5);
      const committed = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
      expect([...committed].sort()).toEqual(expected);
      const stored = await tx((s) => s.receipts.listIssuedBetween(now, minutesAfter(now, 1)));
      expect(stored.map((receipt) => receipt.number)).toEqual(expected);
      expect(stored.every((receipt) => receipt.amountFen === 71_600)).toBe(true);
      const next = await tx((s) => issueReceipt(s, { caseId: null, unitId: randomUUID(), payerId: randomUUID(), lines: [aChargeLine()] }, now, "Asia/Shanghai"));
      expect(next.number).toBe("RC-2027-000016");
    });
  });
}
