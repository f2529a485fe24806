import { z } from "zod";
import { ComplaintDetailsSchema, type ComplaintDetails } from "../../../core/kinds/complaint/details.js";
import type { ComplaintDetails as ComplaintDetailsRow } from "../../../generated/sqlite/client.js";
import { parseJson } from "../prisma-client.js";
import type { DetailsTable } from "./details-table.js";

const PhotosSchema = z.array(z.string());

function columns(raw: unknown) {
  const details: ComplaintDetails = ComplaintDetailsSchema.parse(raw);
  return {
    subject: details.subject,
    description: details.description,
    whenWhere: details.whenWhere,
    about: details.about,
    ownerRequest: details.ownerRequest,
    ownerDeadline: details.ownerDeadline,
    photos: JSON.stringify(details.photos),
    channel: details.channel,
    suggestedTier: details.suggestedTier,
    tier: details.tier,
    classifiedAt: details.classifiedAt,
    department: details.department,
    acknowledgedAt: details.acknowledgedAt,
    contactedAt: details.contactedAt,
    answer: details.answer,
    answeredAt: details.answeredAt,
    resolution: details.resolution,
    resolvedAt: details.resolvedAt,
    resolveBy: details.resolveBy,
    ownerVerdict: details.ownerVerdict,
    invalidReply: details.invalidReply,
    harmRepairId: details.harmRepairId,
  };
}

function toDetails(row: ComplaintDetailsRow): ComplaintDetails {
  return ComplaintDetailsSchema.parse({
    subject: row.subject,
    description: row.description,
    whenWhere: row.whenWhere,
    about: row.about,
    ownerRequest: row.ownerRequest,
    ownerDeadline: row.ownerDeadline,
    photos: PhotosSchema.parse(parseJson(row.photos, "complaint_details.photos")),
    channel: row.channel,
    suggestedTier: row.suggestedTier,
    tier: row.tier,
    classifiedAt: row.classifiedAt,
    department: row.department,
    acknowledgedAt: row.acknowledgedAt,
    contactedAt: row.contactedAt,
    answer: row.answer,
    answeredAt: row.answeredAt,
    resolution: row.resolution,
    resolvedAt: row.resolvedAt,
    resolveBy: row.resolveBy,
    ownerVerdict: row.ownerVerdict,
    invalidReply: row.invalidReply,
    harmRepairId: row.harmRepairId,
  });
}

/**
 * `complaint_details`: what the owner complained of, and how staff classified, routed, answered
 * and resolved it; tier, subject and department are indexed columns because reports group by them.
 */
export const complaintDetailsTable: DetailsTable = {
  kind: "complaint",
  reportKeys(raw) {
    const details = ComplaintDetailsSchema.parse(raw);
    return { category: details.subject, channel: details.channel, tier: details.tier };
  },
  async create(tx, caseId, details) {
    await tx.complaintDetails.create({ data: { caseId, ...columns(details) } });
  },
  async update(tx, caseId, details) {
    await tx.complaintDetails.update({ where: { caseId }, data: columns(details) });
  },
  async read(tx, caseIds) {
    const rows = await tx.complaintDetails.findMany({ where: { caseId: { in: [...caseIds] } } });
    return new Map(rows.map((row) => [row.caseId, toDetails(row)]));
  },
};
