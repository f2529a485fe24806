import { z } from "zod";
import type { Case } from "../../case/case.js";
import { TeamSchema } from "../../domain/registry.js";

/** What the complaint is about, as the owner picks it (投诉事项). */
export const ComplaintSubjectSchema = z.enum(["noise", "hygiene", "security", "staff_attitude", "facilities", "fees", "neighbours", "other"]);
export type ComplaintSubject = z.infer<typeof ComplaintSubjectSchema>;

/** PROCEDURES.md §2: major (重大投诉), management or service error (管理/服务失误), minor (一般投诉). */
export const ComplaintTierSchema = z.enum(["major", "service_error", "minor"]);
export type ComplaintTier = z.infer<typeof ComplaintTierSchema>;

export const complaintStatuses = ["received", "open", "resolved", "closed", "invalid", "cancelled"] as const;
export const ComplaintStatusSchema = z.enum(complaintStatuses);
export type ComplaintStatus = z.infer<typeof ComplaintStatusSchema>;

/** How the complaint reached the front desk: the bot, a call, the counter, or a letter (书面投诉). */
export const ComplaintChannelSchema = z.enum(["telegram", "phone", "counter", "letter"]);
export type ComplaintChannel = z.infer<typeof ComplaintChannelSchema>;

export const OwnerVerdictSchema = z.enum(["resolved", "not_resolved"]);
export type OwnerVerdict = z.infer<typeof OwnerVerdictSchema>;

/**
 * What a complaint records besides the case header (PROCEDURES.md §2, "Record"): what happened,
 * when and where, who it is about, what the owner asks for; then how staff classified, routed,
 * answered and resolved it. Stored in its own table, a column each (reports group by tier).
 * The reception instant every clock counts from is the header's `createdAt`.
 */
export const ComplaintDetailsSchema = z.object({
  subject: ComplaintSubjectSchema,
  description: z.string(),
  whenWhere: z.string(),
  /** Who or which department it is about, in the owner's words; null when not said. */
  about: z.string().nullable(),
  ownerRequest: z.string(),
  /** The deadline the owner asked for, as an instant; null when they gave none. */
  ownerDeadline: z.date().nullable(),
  photos: z.array(z.string()),
  channel: ComplaintChannelSchema,
  /** What the words and the subject suggest; the front desk decides. */
  suggestedTier: ComplaintTierSchema,
  tier: ComplaintTierSchema.nullable(),
  classifiedAt: z.date().nullable(),
  /** The department responsible (the one complained about, or the one that must act). */
  department: TeamSchema.nullable(),
  acknowledgedAt: z.date().nullable(),
  contactedAt: z.date().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.date().nullable(),
  resolution: z.string().nullable(),
  resolvedAt: z.date().nullable(),
  /** When the tier says it must be resolved by; null until classified. */
  resolveBy: z.date().nullable(),
  ownerVerdict: OwnerVerdictSchema.nullable(),
  /** The helpful reply an invalid complaint still gets. */
  invalidReply: z.string().nullable(),
  /** The urgent repair opened because harm was ongoing. */
  harmRepairId: z.string().nullable(),
});
export type ComplaintDetails = z.infer<typeof ComplaintDetailsSchema>;

/** A complaint (投诉): the case header with the complaint's details. */
export type ComplaintCase = Case<ComplaintDetails>;
