import { z } from "zod";
import type { Case } from "../../case/case.js";
import { ChargeLineSchema } from "../../domain/receipts.js";

export const RepairCategorySchema = z.enum([
  "safety",
  "water_leak",
  "electrical",
  "plumbing",
  "doors_windows",
  "public_area",
  "other",
]);
export type RepairCategory = z.infer<typeof RepairCategorySchema>;

export const repairStatuses = [
  "new",
  "assigned",
  "awaiting_confirmation",
  "scheduled",
  "in_progress",
  "leak_test_pending",
  "awaiting_callback",
  "closed",
  "cancelled",
] as const;
export const RepairStatusSchema = z.enum(repairStatuses);
export type RepairStatus = z.infer<typeof RepairStatusSchema>;

/** Free repair form (in warranty, 保修期内) or paid repair form (有偿服务). */
export const BillingSchema = z.enum(["warranty", "paid"]);
export type Billing = z.infer<typeof BillingSchema>;

export const FixedAnswerSchema = z.enum(["yes", "no"]);
export type FixedAnswer = z.infer<typeof FixedAnswerSchema>;

/** How the request reached the front desk (来电接待, 来访接待, a letter, or the owners' bot). */
export const IntakeChannelSchema = z.enum(["telegram", "phone", "counter", "letter"]);
export type IntakeChannel = z.infer<typeof IntakeChannelSchema>;

/** What a repair records besides the case header; stored in its own table with a column each. */
export const RepairDetailsSchema = z.object({
  category: RepairCategorySchema,
  description: z.string(),
  /** File ids of the owner's photos on the owners' platform. */
  photos: z.array(z.string()),
  /** Null when the repair is in the owner's own unit; otherwise the public place described. */
  publicArea: z.string().nullable(),
  preferredTime: z.string(),
  appointmentAt: z.date().nullable(),
  /** What the owner asked for instead of the proposed time, until staff propose again. */
  ownerTimeRequest: z.string().nullable(),
  billing: BillingSchema,
  ownerFixedAnswer: FixedAnswerSchema.nullable(),
  completedAt: z.date().nullable(),
  leakTestAt: z.date().nullable(),
  /** Repairs recorded before the channel was kept came through the bot. */
  intakeChannel: IntakeChannelSchema.default("telegram"),
  /**
   * A paid repair's items from the maintenance price standard, recorded by the technician at
   * completion; the owner's acceptance records the fee against a receipt. [] for warranty repairs.
   */
  chargeLines: z.array(ChargeLineSchema).default([]),
});
export type RepairDetails = z.infer<typeof RepairDetailsSchema>;

/** A repair (维修工作单): the case header with the repair's details. */
export type RepairCase = Case<RepairDetails>;
