import { type FeeDetails, FeeDetailsSchema } from "../../../core/kinds/fee/details.js";
import type { FeeDetails as FeeDetailsRow } from "../../../generated/sqlite/client.js";
import type { DetailsTable } from "./details-table.js";

function columns(raw: unknown) {
  const { remindedChargeIds, ...details }: FeeDetails = FeeDetailsSchema.parse(raw);
  // Charge ids are UUIDs: joined by commas they read back exactly.
  return { ...details, remindedChargeIds: remindedChargeIds.join(",") };
}

function toDetails(row: FeeDetailsRow): FeeDetails {
  const { caseId: _caseId, remindedChargeIds, ...rest } = row;
  return FeeDetailsSchema.parse({ ...rest, remindedChargeIds: remindedChargeIds === "" ? [] : remindedChargeIds.split(",") });
}

/**
 * `fee_details`: the household's stage on the ladder (indexed for the weekly summary), the
 * reminders' instants and the charges the latest listed, the owner's reason and promise, the
 * demand letter's number and tracking number, and the home visit's and referral's instants.
 */
export const feeDetailsTable: DetailsTable = {
  kind: "fee",
  reportKeys: () => ({ category: null, channel: null, tier: null }),
  async create(tx, caseId, details) {
    await tx.feeDetails.create({ data: { caseId, ...columns(details) } });
  },
  async update(tx, caseId, details) {
    await tx.feeDetails.update({ where: { caseId }, data: columns(details) });
  },
  async read(tx, caseIds) {
    const rows = await tx.feeDetails.findMany({ where: { caseId: { in: [...caseIds] } } });
    return new Map(rows.map((row) => [row.caseId, toDetails(row)]));
  },
};
