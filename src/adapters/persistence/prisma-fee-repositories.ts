import { type Charge, FeeTypeSchema, isPaid, type Payment } from "../../core/domain/fees.js";
import type { ChargeRepository, PaymentRepository } from "../../core/ports/store.js";
import type { Charge as ChargeRow } from "../../generated/sqlite/client.js";
import { keyChunks } from "./key-chunks.js";
import { notFound, type RepositoryContext } from "./prisma-client.js";

/** The fee type is parsed, not cast: a type outside the closed list is a broken row, not a charge. */
function toCharge(row: ChargeRow): Charge {
  const { open: _open, feeType, ...rest } = row;
  return { ...rest, feeType: FeeTypeSchema.parse(feeType) };
}

/** The stored columns of a charge: `open` follows from the amounts. */
const chargeColumns = (charge: Charge) => ({ ...charge, open: !isPaid(charge) });

const chargeKey = (charge: Pick<Charge, "unitId" | "feeType" | "period">) => `${charge.unitId}\u0000${charge.feeType}\u0000${charge.period}`;

/** Code-unit order, as the in-memory store sorts: the databases' collations need not agree with it. */
const byPeriodThenType = (a: Charge, b: Charge) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.feeType < b.feeType ? -1 : a.feeType > b.feeType ? 1 : 0);

/**
 * `charges`: one per unit, fee type and period. A re-import looks its units' charges up in
 * chunks, inserts the new ones in one statement per chunk and updates the others one by one (a
 * corrected amount or due date is the exception, a month's new charges the rule).
 */
export function prismaChargeRepository({ tx }: RepositoryContext): ChargeRepository {
  return {
    async upsertMany(charges) {
      const existing = new Map<string, Charge>();
      for (const unitIds of keyChunks([...new Set(charges.map((charge) => charge.unitId))])) {
        for (const row of await tx.charge.findMany({ where: { unitId: { in: unitIds } } })) existing.set(chargeKey(row as Pick<Charge, "unitId" | "feeType" | "period">), toCharge(row));
      }
      const results: { charge: Charge; created: boolean }[] = [];
      const created: Charge[] = [];
      for (const charge of charges) {
        const found = existing.get(chargeKey(charge));
        if (!found) {
          created.push(charge);
          results.push({ charge: { ...charge }, created: true });
          continue;
        }
        const updated: Charge = { ...found, amountFen: charge.amountFen, dueDate: charge.dueDate, updatedAt: charge.updatedAt };
        await tx.charge.update({ where: { id: found.id }, data: { amountFen: updated.amountFen, dueDate: updated.dueDate, updatedAt: updated.updatedAt, open: !isPaid(updated) } });
        results.push({ charge: updated, created: false });
      }
      for (const chunk of keyChunks(created)) await tx.charge.createMany({ data: chunk.map(chargeColumns) });
      return results;
    },
    async findById(id) {
      const row = await tx.charge.findUnique({ where: { id } });
      return row ? toCharge(row) : null;
    },
    async findByKey(unitId, feeType, period) {
      const row = await tx.charge.findUnique({ where: { unitId_feeType_period: { unitId, feeType, period } } });
      return row ? toCharge(row) : null;
    },
    async listByUnit(unitId) {
      const rows = await tx.charge.findMany({ where: { unitId } });
      return rows.map(toCharge).sort(byPeriodThenType);
    },
    async listUnitsWithOpenCharges(dueBy, limit, afterUnitId) {
      // Index (open, unit_id, due_date): the open charges' units in id order, grouped, a page at a time.
      const groups = await tx.charge.groupBy({
        by: ["unitId"],
        where: { open: true, dueDate: { lte: dueBy }, ...(afterUnitId === undefined ? {} : { unitId: { gt: afterUnitId } }) },
        orderBy: { unitId: "asc" },
        take: Math.max(0, limit),
      });
      return groups.map((group) => group.unitId);
    },
    async save(charge) {
      const { id, ...columns } = chargeColumns(charge);
      const { count } = await tx.charge.updateMany({ where: { id }, data: columns });
      if (count === 0) throw notFound("charge", id);
    },
  };
}

/** Newest paid first; among payments of one instant, the one recorded last first (as the in-memory store orders them). */
const newestFirst = [{ paidAt: "desc" }, { createdAt: "desc" }, { id: "desc" }] as const;

/** `payments`, each against a stored charge (checked here: there are no foreign keys). */
export function prismaPaymentRepository({ tx }: RepositoryContext): PaymentRepository {
  return {
    async create(payment) {
      if ((await tx.charge.count({ where: { id: payment.chargeId } })) === 0) throw notFound("charge", payment.chargeId);
      await tx.payment.create({ data: payment });
    },
    listByUnit: async (unitId): Promise<Payment[]> => tx.payment.findMany({ where: { unitId }, orderBy: [...newestFirst] }),
    listByCharge: async (chargeId): Promise<Payment[]> => tx.payment.findMany({ where: { chargeId }, orderBy: [...newestFirst] }),
  };
}
