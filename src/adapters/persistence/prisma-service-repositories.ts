import { type Receipt, receiptNumberSpan, spanIsWhole } from "../../core/domain/receipts.js";
import { type WorkOrder, type WorkOrderStatus, workOrderStatuses } from "../../core/domain/work-orders.js";
import type { ReceiptRepository, WorkOrderRepository } from "../../core/ports/store.js";
import type { Receipt as ReceiptRow, WorkOrder as WorkOrderRow } from "../../generated/sqlite/client.js";
import { chargeLinesJson, parseChargeLines } from "./charge-lines.js";
import { notFound, type RepositoryContext } from "./prisma-client.js";

const orNull = <Row, T>(row: Row | null, to: (row: Row) => T): T | null => (row ? to(row) : null);

function workOrderStatus(status: string): WorkOrderStatus {
  const known = workOrderStatuses.find((candidate) => candidate === status);
  if (!known) throw new Error(`stored work_orders.status is not a work order status: ${status}`);
  return known;
}

/** The row is the work order column for column; only the status is narrowed. */
function toWorkOrder(row: WorkOrderRow): WorkOrder {
  return { ...row, status: workOrderStatus(row.status) };
}

/** Code-unit order, as the in-memory store sorts: the databases' collations need not agree with it. */
const byCaseThenSequence = (a: WorkOrder, b: WorkOrder) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : a.sequence - b.sequence);

/**
 * `work_orders`: the package register. `createOnce` is one `INSERT ... ON CONFLICT DO NOTHING`
 * on both databases, so a second run of a month's generation (or two runs at once) inserts
 * nothing and raises nothing (a raised error would abort a PostgreSQL transaction). The conflict
 * names no index on purpose: PostgreSQL's arbiter handles only the index it names, and a
 * concurrent twin that clashes on the number first would still raise. Whether the skip was the
 * same visit is asked afterwards: if no work order of the case is at that instant, the clash was
 * of id or number, and that is an error.
 */
export function prismaWorkOrderRepository({ tx }: RepositoryContext): WorkOrderRepository {
  return {
    async createOnce(order) {
      const inserted = await tx.$executeRaw`
        INSERT INTO "work_orders" ("id", "case_id", "number", "sequence", "scheduled_at", "month", "status", "proposed_at",
          "owner_time_request", "problem_report", "started_at", "completed_at", "accepted_at", "created_at", "updated_at")
        VALUES (${order.id}, ${order.caseId}, ${order.number}, ${order.sequence}, ${order.scheduledAt}, ${order.month}, ${order.status},
          ${order.proposedAt}, ${order.ownerTimeRequest}, ${order.problemReport}, ${order.startedAt}, ${order.completedAt},
          ${order.acceptedAt}, ${order.createdAt}, ${order.updatedAt})
        ON CONFLICT DO NOTHING`;
      if (inserted === 1) return true;
      const twin = await tx.workOrder.findUnique({ where: { caseId_scheduledAt: { caseId: order.caseId, scheduledAt: order.scheduledAt } }, select: { id: true } });
      if (twin) return false;
      throw new Error(`unique constraint failed: work order ${order.id} or number ${order.number} already exists`);
    },
    findById: async (id) => orNull(await tx.workOrder.findUnique({ where: { id } }), toWorkOrder),
    findByNumber: async (number) => orNull(await tx.workOrder.findUnique({ where: { number } }), toWorkOrder),
    async listByCase(caseId) {
      // Index (case_id, sequence).
      const rows = await tx.workOrder.findMany({ where: { caseId }, orderBy: { sequence: "asc" } });
      return rows.map(toWorkOrder);
    },
    async maxSequence(caseId) {
      const { _max } = await tx.workOrder.aggregate({ where: { caseId }, _max: { sequence: true } });
      return _max.sequence ?? 0;
    },
    async listByMonth(month, statuses) {
      // Index (month, status).
      const rows = await tx.workOrder.findMany({ where: { month, ...(statuses ? { status: { in: [...statuses] } } : {}) } });
      return rows.map(toWorkOrder).sort(byCaseThenSequence);
    },
    async save(order) {
      const { id, ...columns } = order;
      const { count } = await tx.workOrder.updateMany({ where: { id }, data: columns });
      if (count === 0) throw notFound("work order", id);
    },
  };
}

/** The row is the receipt column for column; only the lines are JSON text. */
function toReceipt(row: ReceiptRow): Receipt {
  return { ...row, lines: parseChargeLines(row.lines, "receipts.lines") };
}

/**
 * `receipts`: unique numbers, and at most one receipt per case and period (a package's month);
 * NULLs are distinct in both databases' unique indexes, so receipts without a period (one-off
 * orders, paid repairs) or without a case never collide on it.
 */
export function prismaReceiptRepository({ tx }: RepositoryContext): ReceiptRepository {
  return {
    async create(receipt) {
      await tx.receipt.create({ data: { ...receipt, lines: chargeLinesJson(receipt.lines) } });
    },
    findById: async (id) => orNull(await tx.receipt.findUnique({ where: { id } }), toReceipt),
    findByNumber: async (number) => orNull(await tx.receipt.findUnique({ where: { number } }), toReceipt),
    async listByCase(caseId) {
      const rows = await tx.receipt.findMany({ where: { caseId }, orderBy: [{ issuedAt: "asc" }, { number: "asc" }] });
      return rows.map(toReceipt);
    },
    async listIssuedBetween(from, to) {
      // Index (issued_at); numbers are all `RC-YYYY-NNNNNN`, so every collation orders them alike.
      const rows = await tx.receipt.findMany({ where: { issuedAt: { gte: from, lt: to } }, orderBy: { number: "asc" } });
      return rows.map(toReceipt);
    },
    async numberSpan(prefix, before) {
      // The unique index on number serves the prefix; the numbers are fixed-width, so min and max are the first and last.
      const where = { number: { startsWith: prefix }, issuedAt: { lt: before } };
      const span = await tx.receipt.aggregate({ where, _count: { _all: true }, _min: { number: true }, _max: { number: true } });
      const count = span._count._all;
      const first = span._min.number ?? null;
      const last = span._max.number ?? null;
      if (spanIsWhole(count, first, last)) return { count, first, last, missing: [], missingCount: 0 };
      const rows = await tx.receipt.findMany({ where, select: { number: true }, orderBy: { number: "asc" } });
      return receiptNumberSpan(rows.map((row) => row.number));
    },
  };
}
