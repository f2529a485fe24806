import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type { Actor, Case } from "../../../src/core/case/case.js";
import type { Clock } from "../../../src/core/case/clock.js";
import type { Callback, CallbackStatus } from "../../../src/core/domain/callback.js";
import type { Charge, FeeType } from "../../../src/core/domain/fees.js";
import type { WorkOrderStatus } from "../../../src/core/domain/work-orders.js";
import type { ComplaintDetails } from "../../../src/core/kinds/complaint/details.js";
import { type FeeStage, newFeeDetails } from "../../../src/core/kinds/fee/details.js";
import type { RepairDetails } from "../../../src/core/kinds/repair/details.js";
import type { ServiceDetails } from "../../../src/core/kinds/service/details.js";
import type { Store, UnitOfWork } from "../../../src/core/ports/store.js";
import { aComplaint, aReceipt, aServiceOrder, aTicket, aWorkOrder, anEvent, minutesAfter } from "./fixtures.js";

export const zone = "Asia/Shanghai";

/** An instant given as the property's wall-clock time, `2026-12-31T23:30`. */
export function local(text: string): Date {
  return DateTime.fromISO(text, { zone }).toJSDate();
}

/**
 * Writes the cases of a month as the use cases leave them in the store (header, details, events,
 * clocks, callbacks, work orders, receipts, charges), straight through the store's repositories:
 * the report reads tables, and each figure's test states the rows it is computed from.
 */
export class ReportData {
  private readonly units = new Map<string, string>();
  private serial = 0;

  constructor(private readonly uow: UnitOfWork) {}

  private write<T>(work: (store: Store) => Promise<T>): Promise<T> {
    return this.uow.transaction(work);
  }

  async unit(address: string): Promise<string> {
    const known = this.units.get(address);
    if (known) return known;
    const [building = "", unit = ""] = address.split("-");
    const stored = await this.write((store) => store.units.upsert({ building, unit, areaM2: 90, handoverDate: "2024-06-30", warrantyMonths: 24 }));
    this.units.set(address, stored.id);
    return stored.id;
  }

  private number(prefix: string, at: Date): string {
    this.serial += 1;
    return `${prefix}-${DateTime.fromJSDate(at, { zone }).year}-${String(this.serial).padStart(6, "0")}`;
  }

  private async store(subject: Case, by: Actor): Promise<Case> {
    await this.write(async (store) => {
      await store.cases.create(subject);
      await store.cases.appendEvent(anEvent(subject.id, { at: subject.createdAt, actor: by, type: "reported", toStatus: subject.status }));
    });
    return subject;
  }

  async repair(address: string, at: Date, details: Partial<RepairDetails>, header: Partial<Case> = {}): Promise<Case> {
    const unitId = await this.unit(address);
    const by: Actor = details.intakeChannel && details.intakeChannel !== "telegram" ? { type: "staff", id: "UFRONT" } : { type: "owner", id: "7001" };
    return this.store(aTicket({ unitId, number: this.number("R", at), createdAt: at, updatedAt: at, ...header, details }), by);
  }

  async complaint(address: string, at: Date, details: Partial<ComplaintDetails>, header: Partial<Case> = {}): Promise<Case> {
    const unitId = await this.unit(address);
    return this.store(aComplaint({ unitId, number: this.number("C", at), createdAt: at, updatedAt: at, ...header, details: { ...aComplaint().details, ...details } }), {
      type: "owner",
      id: "7001",
    });
  }

  async service(address: string, at: Date, details: Partial<ServiceDetails>, header: Partial<Case> = {}): Promise<Case> {
    const unitId = await this.unit(address);
    return this.store(aServiceOrder({ unitId, number: this.number("S", at), createdAt: at, updatedAt: at, ...header, details }), { type: "owner", id: "7001" });
  }

  async feeFile(address: string, at: Date, stage: FeeStage, closedAt: Date | null = null): Promise<Case> {
    const unitId = await this.unit(address);
    const subject: Case = {
      ...aTicket({ unitId, createdAt: at, updatedAt: at }),
      number: this.number("F", at),
      kind: "fee",
      team: "frontdesk",
      status: closedAt ? "settled" : "open",
      closedAt,
      details: { ...newFeeDetails(), stage },
    };
    return this.store(subject, { type: "system" });
  }

  /** A staff step on the case `minutes` after it was reported. */
  async staffStep(subject: Case, minutes: number, type = "assigned"): Promise<void> {
    await this.write((store) => store.cases.appendEvent(anEvent(subject.id, { at: minutesAfter(subject.createdAt, minutes), actor: { type: "staff", id: "ULEAD" }, type })));
  }

  async event(subject: Case, at: Date, type: string, data: Record<string, unknown> = {}): Promise<void> {
    await this.write((store) => store.cases.appendEvent(anEvent(subject.id, { at, type, data })));
  }

  /** The job finished at `at`: its callback is opened then, in `status`. */
  async callback(subject: Case, at: Date, status: CallbackStatus): Promise<void> {
    const callback: Callback = { id: randomUUID(), caseId: subject.id, dueAt: minutesAfter(at, 2 * 24 * 60), status, attempts: 0, outcome: null, recordedBy: null, recordedAt: null, createdAt: at };
    await this.write((store) => store.callbacks.create(callback));
  }

  async clock(subject: Case, rule: string, dueAt: Date, stoppedAt: Date | null): Promise<void> {
    const clock: Clock = { id: randomUUID(), caseId: subject.id, rule, subject: null, startedAt: minutesAfter(dueAt, -2 * 24 * 60), dueAt, breachAt: dueAt, stoppedAt, escalatedAt: null, data: {} };
    await this.write((store) => store.clocks.create(clock));
  }

  async workOrder(order: Case, scheduledAt: Date, status: WorkOrderStatus): Promise<void> {
    this.serial += 1;
    const month = DateTime.fromJSDate(scheduledAt, { zone }).toFormat("yyyy-MM");
    await this.write((store) => store.workOrders.createOnce(aWorkOrder(order.id, order.number, { sequence: this.serial % 100, scheduledAt, month, status, createdAt: scheduledAt, updatedAt: scheduledAt })));
  }

  async receipt(order: Case, at: Date, amountFen: number, period: string | null = null): Promise<void> {
    const receipt = aReceipt({ number: this.number("RC", at), caseId: order.id, period, unitId: order.unitId, payerId: order.reporterId, lines: [], amountFen, issuedAt: at });
    await this.write((store) => store.receipts.create(receipt));
  }

  async charge(address: string, feeType: FeeType, period: string, dueDate: string, amountFen: number, paidFen: number): Promise<void> {
    const unitId = await this.unit(address);
    const charge: Charge = {
      id: randomUUID(),
      unitId,
      feeType,
      period,
      amountFen,
      dueDate,
      paidFen,
      promisedBy: null,
      disputeCaseId: null,
      createdAt: local(`${dueDate}T00:00`),
      updatedAt: local(`${dueDate}T00:00`),
    };
    await this.write((store) => store.charges.upsertMany([charge]));
  }
}
