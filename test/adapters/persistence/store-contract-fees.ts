import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Charge, Payment } from "../../../src/core/domain/fees.js";
import { WorkflowError } from "../../../src/core/domain/errors.js";
import type { ContractContext } from "./store-contract.js";
import { minutesAfter, t0 } from "./fixtures.js";

export function aCharge(overrides: Partial<Charge> = {}): Charge {
  return {
    id: randomUUID(),
    unitId: randomUUID(),
    feeType: "property",
    period: "2026-11",
    amountFen: 35_800,
    dueDate: "2026-11-30",
    paidFen: 0,
    promisedBy: null,
    disputeCaseId: null,
    createdAt: t0,
    updatedAt: t0,
    ...overrides,
  };
}

export function aPayment(charge: Pick<Charge, "id" | "unitId">, overrides: Partial<Payment> = {}): Payment {
  return { id: randomUUID(), chargeId: charge.id, unitId: charge.unitId, amountFen: 10_000, paidAt: t0, receiptId: randomUUID(), recordedBy: "import", createdAt: t0, ...overrides };
}

/** Unit ids in a known order, whatever the collation: lower-case hex, hyphens in the same places. */
const unitIds = ["11111111-0000-4000-8000-000000000001", "22222222-0000-4000-8000-000000000002", "33333333-0000-4000-8000-000000000003", "44444444-0000-4000-8000-000000000004"] as const;

/** The fee ledger's charges and payments, on every store. */
export function feeLedgerContract({ tx }: ContractContext): void {
  describe("fee ledger", () => {
    it("upsertMany inserts new charges and updates the amount and due date of one with the same unit, fee type and period", async () => {
      const first = aCharge({ unitId: unitIds[0] });
      await tx((s) => s.charges.upsertMany([first]));
      await tx(async (s) => s.charges.save({ ...first, paidFen: 10_000, promisedBy: "2026-12-05" }));

      const later = minutesAfter(t0, 60);
      const stored = await tx((s) =>
        s.charges.upsertMany([aCharge({ unitId: unitIds[0], feeType: "elevator", amountFen: 4_000 }), aCharge({ unitId: unitIds[0], amountFen: 36_000, dueDate: "2026-12-05", updatedAt: later })]),
      );

      expect(stored.map((entry) => [entry.charge.feeType, entry.created])).toEqual([["elevator", true], ["property", false]]);
      expect(stored[1]?.charge.id).toBe(first.id);
      // What the owner paid and promised stays: a corrected file changes only what the file says.
      expect(await tx((s) => s.charges.findByKey(unitIds[0], "property", "2026-11"))).toEqual({ ...first, amountFen: 36_000, dueDate: "2026-12-05", updatedAt: later, paidFen: 10_000, promisedBy: "2026-12-05" });
      expect(await tx((s) => s.charges.findById(first.id))).toMatchObject({ amountFen: 36_000 });
      expect(await tx((s) => s.charges.findByKey(unitIds[0], "garbage", "2026-11"))).toBeNull();
      expect(await tx((s) => s.charges.findById(randomUUID()))).toBeNull();
    });

    it("lists a unit's charges by period then fee type, and no other unit's", async () => {
      await tx((s) =>
        s.charges.upsertMany([
          aCharge({ unitId: unitIds[0], period: "2026-12", feeType: "property" }),
          aCharge({ unitId: unitIds[0], period: "2026-11", feeType: "property" }),
          aCharge({ unitId: unitIds[0], period: "2026-11", feeType: "elevator" }),
          aCharge({ unitId: unitIds[1], period: "2026-10", feeType: "garbage" }),
        ]),
      );

      const listed = await tx((s) => s.charges.listByUnit(unitIds[0]));

      expect(listed.map((c) => `${c.period} ${c.feeType}`)).toEqual(["2026-11 elevator", "2026-11 property", "2026-12 property"]);
    });

    it("pages through the units with a charge not fully paid that is due by a date, in id order", async () => {
      const partlyPaid = aCharge({ unitId: unitIds[2], dueDate: "2026-11-20" });
      await tx((s) =>
        s.charges.upsertMany([
          aCharge({ unitId: unitIds[3], dueDate: "2026-11-30" }),
          aCharge({ unitId: unitIds[3], feeType: "elevator", dueDate: "2026-11-30" }),
          aCharge({ unitId: unitIds[0], dueDate: "2026-12-31" }),
          aCharge({ unitId: unitIds[1], dueDate: "2026-11-01", paidFen: 35_800 }),
          partlyPaid,
        ]),
      );
      await tx((s) => s.charges.save({ ...partlyPaid, paidFen: 100 }));

      expect(await tx((s) => s.charges.listUnitsWithOpenCharges("2026-11-30", 10))).toEqual([unitIds[2], unitIds[3]]);
      expect(await tx((s) => s.charges.listUnitsWithOpenCharges("2026-11-30", 1))).toEqual([unitIds[2]]);
      expect(await tx((s) => s.charges.listUnitsWithOpenCharges("2026-11-30", 10, unitIds[2]))).toEqual([unitIds[3]]);
      expect(await tx((s) => s.charges.listUnitsWithOpenCharges("2026-11-19", 10))).toEqual([]);

      // Paid in full, a charge leaves the pages; a re-import raising its amount brings it back.
      await tx((s) => s.charges.save({ ...partlyPaid, paidFen: 35_800 }));
      expect(await tx((s) => s.charges.listUnitsWithOpenCharges("2026-11-30", 10))).toEqual([unitIds[3]]);
      await tx((s) => s.charges.upsertMany([{ ...partlyPaid, id: randomUUID(), amountFen: 40_000 }]));
      expect(await tx((s) => s.charges.listUnitsWithOpenCharges("2026-11-30", 10))).toEqual([unitIds[2], unitIds[3]]);
    });

    it("save keeps every field, and of an unknown charge is not_found", async () => {
      const charge = aCharge();
      await tx((s) => s.charges.upsertMany([charge]));
      const changed: Charge = { ...charge, paidFen: 35_800, promisedBy: "2026-12-03", disputeCaseId: randomUUID(), updatedAt: minutesAfter(t0, 5) };

      await tx((s) => s.charges.save(changed));

      expect(await tx((s) => s.charges.findById(charge.id))).toEqual(changed);
      await expect(tx((s) => s.charges.save(aCharge()))).rejects.toBeInstanceOf(WorkflowError);
    });

    it("lists payments by unit and by charge, newest first, and refuses one against no charge", async () => {
      const charge = aCharge();
      const other = aCharge({ unitId: charge.unitId, feeType: "elevator" });
      await tx((s) => s.charges.upsertMany([charge, other]));
      const older = aPayment(charge, { paidAt: t0 });
      const newer = aPayment(charge, { paidAt: minutesAfter(t0, 60 * 24), amountFen: 25_800 });
      const elevator = aPayment(other, { paidAt: minutesAfter(t0, 30), recordedBy: "U0FRONT" });
      await tx(async (s) => {
        await s.payments.create(older);
        await s.payments.create(newer);
        await s.payments.create(elevator);
      });

      expect(await tx((s) => s.payments.listByUnit(charge.unitId))).toEqual([newer, elevator, older]);
      expect(await tx((s) => s.payments.listByCharge(charge.id))).toEqual([newer, older]);
      expect(await tx((s) => s.payments.listByUnit(randomUUID()))).toEqual([]);
      await expect(tx((s) => s.payments.create(aPayment(aCharge())))).rejects.toBeInstanceOf(WorkflowError);
    });
  });
}
