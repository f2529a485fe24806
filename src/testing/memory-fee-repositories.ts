import type { Charge, Payment } from "../core/domain/fees.js";
import { isPaid } from "../core/domain/fees.js";
import type { ChargeRepository, PaymentRepository } from "../core/ports/store.js";
import { cmp, copy, duplicate, findCopy, type MemoryTables, missing } from "./memory-tables.js";

const chargeKey = (charge: Pick<Charge, "unitId" | "feeType" | "period">) => `${charge.unitId}\u0000${charge.feeType}\u0000${charge.period}`;

/** The in-memory charges: one per unit, fee type and period; a re-import updates amount and due date. */
export function memoryChargeRepository(t: MemoryTables): ChargeRepository {
  const all = (): Charge[] => [...t.charges.values()];
  const byKey = (key: string) => all().find((c) => chargeKey(c) === key);
  return {
    async upsertMany(charges) {
      const seen = new Set<string>();
      return charges.map((charge) => {
        const key = chargeKey(charge);
        if (seen.has(key)) throw duplicate("charge", key);
        seen.add(key);
        const existing = byKey(key);
        if (existing) {
          const updated: Charge = { ...existing, amountFen: charge.amountFen, dueDate: charge.dueDate, updatedAt: charge.updatedAt };
          t.charges.set(existing.id, copy(updated));
          return { charge: copy(updated), created: false };
        }
        if (t.charges.has(charge.id)) throw duplicate("charge", charge.id);
        t.charges.set(charge.id, copy(charge));
        return { charge: copy(charge), created: true };
      });
    },
    findById: async (id) => findCopy(t.charges, id),
    async findByKey(unitId, feeType, period) {
      const found = byKey(chargeKey({ unitId, feeType, period }));
      return found ? copy(found) : null;
    },
    async listByUnit(unitId) {
      return all()
        .filter((c) => c.unitId === unitId)
        .sort((a, b) => cmp(a.period, b.period) || cmp(a.feeType, b.feeType))
        .map(copy);
    },
    async listUnitsWithOpenCharges(dueBy, limit, afterUnitId) {
      const units = new Set(all().filter((c) => !isPaid(c) && c.dueDate <= dueBy && (afterUnitId === undefined || c.unitId > afterUnitId)).map((c) => c.unitId));
      return [...units].sort(cmp).slice(0, limit);
    },
    async save(charge) {
      if (!t.charges.has(charge.id)) throw missing("charge", charge.id);
      const key = chargeKey(charge);
      if (all().some((c) => c.id !== charge.id && chargeKey(c) === key)) throw duplicate("charge", key);
      t.charges.set(charge.id, copy(charge));
    },
  };
}

/** The in-memory payments, each against a stored charge. */
export function memoryPaymentRepository(t: MemoryTables): PaymentRepository {
  const all = (): Payment[] => [...t.payments.values()];
  // Newest paid first; among payments of one instant, the one recorded last first.
  const newestFirst = (a: Payment, b: Payment) => b.paidAt.getTime() - a.paidAt.getTime() || b.createdAt.getTime() - a.createdAt.getTime() || cmp(b.id, a.id);
  return {
    async create(payment) {
      if (t.payments.has(payment.id)) throw duplicate("payment", payment.id);
      if (!t.charges.has(payment.chargeId)) throw missing("charge", payment.chargeId);
      t.payments.set(payment.id, copy(payment));
    },
    async listByUnit(unitId) {
      return all().filter((p) => p.unitId === unitId).sort(newestFirst).map(copy);
    },
    async listByCharge(chargeId) {
      return all().filter((p) => p.chargeId === chargeId).sort(newestFirst).map(copy);
    },
  };
}
