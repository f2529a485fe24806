import { z } from "zod";
import { RepairDetailsSchema, type RepairDetails } from "../../../core/kinds/repair/details.js";
import type { RepairDetails as RepairDetailsRow } from "../../../generated/sqlite/client.js";
import { chargeLinesJson, parseChargeLines } from "../charge-lines.js";
import { parseJson } from "../prisma-client.js";
import type { DetailsTable } from "./details-table.js";

const PhotosSchema = z.array(z.string());

function columns(raw: unknown) {
  const details: RepairDetails = RepairDetailsSchema.parse(raw);
  return {
    category: details.category,
    description: details.description,
    photos: JSON.stringify(details.photos),
    publicArea: details.publicArea,
    preferredTime: details.preferredTime,
    appointmentAt: details.appointmentAt,
    ownerTimeRequest: details.ownerTimeRequest,
    billing: details.billing,
    ownerFixedAnswer: details.ownerFixedAnswer,
    completedAt: details.completedAt,
    leakTestAt: details.leakTestAt,
    intakeChannel: details.intakeChannel,
    chargeLines: chargeLinesJson(details.chargeLines),
  };
}

function toDetails(row: RepairDetailsRow): RepairDetails {
  return RepairDetailsSchema.parse({
    category: row.category,
    description: row.description,
    photos: PhotosSchema.parse(parseJson(row.photos, "repair_details.photos")),
    publicArea: row.publicArea,
    preferredTime: row.preferredTime,
    appointmentAt: row.appointmentAt,
    ownerTimeRequest: row.ownerTimeRequest,
    billing: row.billing,
    ownerFixedAnswer: row.ownerFixedAnswer,
    completedAt: row.completedAt,
    leakTestAt: row.leakTestAt,
    intakeChannel: row.intakeChannel,
    chargeLines: parseChargeLines(row.chargeLines, "repair_details.charge_lines"),
  });
}

/** `repair_details`: category, billing, appointment, the completion instants and a paid repair's charge lines. */
export const repairDetailsTable: DetailsTable = {
  kind: "repair",
  reportKeys(raw) {
    const details = RepairDetailsSchema.parse(raw);
    return { category: details.category, channel: details.intakeChannel, tier: null };
  },
  async create(tx, caseId, details) {
    await tx.repairDetails.create({ data: { caseId, ...columns(details) } });
  },
  async update(tx, caseId, details) {
    await tx.repairDetails.update({ where: { caseId }, data: columns(details) });
  },
  async read(tx, caseIds) {
    const rows = await tx.repairDetails.findMany({ where: { caseId: { in: [...caseIds] } } });
    return new Map(rows.map((row) => [row.caseId, toDetails(row)]));
  },
};
