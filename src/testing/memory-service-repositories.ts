import { type Receipt, receiptNumberSpan } from "../core/domain/receipts.js";
import type { WorkOrder } from "../core/domain/work-orders.js";
import type { ReceiptRepository, WorkOrderRepository } from "../core/ports/store.js";
import { cmp, copy, duplicate, findCopy, type MemoryTables, missing } from "./memory-tables.js";

/** The in-memory work orders over the tables of one transaction: unique numbers, one per case and instant. */
export function memoryWorkOrderRepository(t: MemoryTables): WorkOrderRepository {
  const all = (): WorkOrder[] => [...t.workOrders.values()];
  const bySequence = (a: WorkOrder, b: WorkOrder) => cmp(a.caseId, b.caseId) || a.sequence - b.sequence;
  return {
    async createOnce(order) {
      if (all().some((o) => o.caseId === order.caseId && o.scheduledAt.getTime() === order.scheduledAt.getTime())) return false;
      if (t.workOrders.has(order.id)) throw duplicate("work order", order.id);
      if (all().some((o) => o.number === order.number)) throw duplicate("work order number", order.number);
      t.workOrders.set(order.id, copy(order));
      return true;
    },
    findById: async (id) => findCopy(t.workOrders, id),
    async findByNumber(number) {
      const found = all().find((o) => o.number === number);
      return found ? copy(found) : null;
    },
    async listByCase(caseId) {
      return all().filter((o) => o.caseId === caseId).sort(bySequence).map(copy);
    },
    async maxSequence(caseId) {
      return all().filter((o) => o.caseId === caseId).reduce((max, o) => Math.max(max, o.sequence), 0);
    },
    async listByMonth(month, statuses) {
      return all()
        .filter((o) => o.month === month && (!statuses || statuses.includes(o.status)))
        .sort(bySequence)
        .map(copy);
    },
    async save(order) {
      if (!t.workOrders.has(order.id)) throw missing("work order", order.id);
      const others = all().filter((o) => o.id !== order.id);
      if (others.some((o) => o.caseId === order.caseId && o.scheduledAt.getTime() === order.scheduledAt.getTime())) {
        throw duplicate("work order of the instant", `${order.caseId} ${order.scheduledAt.toISOString()}`);
      }
      if (others.some((o) => o.number === order.number)) throw duplicate("work order number", order.number);
      t.workOrders.set(order.id, copy(order));
    },
  };
}

/** The in-memory receipts: unique numbers, at most one per case and period. */
export function memoryReceiptRepository(t: MemoryTables): ReceiptRepository {
  const all = (): Receipt[] => [...t.receipts.values()];
  return {
    async create(receipt) {
      if (t.receipts.has(receipt.id)) throw duplicate("receipt", receipt.id);
      if (all().some((r) => r.number === receipt.number)) throw duplicate("receipt number", receipt.number);
      // As in the databases' unique index, a null case or period is distinct from every other.
      if (receipt.caseId !== null && receipt.period !== null && all().some((r) => r.caseId === receipt.caseId && r.period === receipt.period)) {
        throw duplicate("receipt of the period", `${receipt.caseId} ${receipt.period}`);
      }
      t.receipts.set(receipt.id, copy(receipt));
    },
    findById: async (id) => findCopy(t.receipts, id),
    async findByNumber(number) {
      const found = all().find((r) => r.number === number);
      return found ? copy(found) : null;
    },
    async listByCase(caseId) {
      return all()
        .filter((r) => r.caseId === caseId)
        .sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime() || cmp(a.number, b.number))
        .map(copy);
    },
    async listIssuedBetween(from, to) {
      return all()
        .filter((r) => r.issuedAt.getTime() >= from.getTime() && r.issuedAt.getTime() < to.getTime())
        .sort((a, b) => cmp(a.number, b.number))
        .map(copy);
    },
    async numberSpan(prefix, before) {
      const numbers = all()
        .filter((r) => r.number.startsWith(prefix) && r.issuedAt.getTime() < before.getTime())
        .map((r) => r.number)
        .sort(cmp);
      return receiptNumberSpan(numbers);
    },
  };
}
