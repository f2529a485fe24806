import { z } from "zod";
import type { Case } from "../../case/case.js";
import { FenSchema } from "../../domain/money.js";
import { PriceCodeSchema } from "../../domain/prices.js";
import { ChargeLineSchema } from "../../domain/receipts.js";
import { IntakeChannelSchema } from "../repair/details.js";

/**
 * What an owner can book (PROCEDURES.md §4): cleaning as a monthly package (包月清洁), a whole
 * flat or move-in clean (全屋/入伙清洁) or by the hour (钟点清洁); greening once or monthly (绿化服务).
 */
export const serviceTypes = ["cleaning_monthly", "cleaning_whole_flat", "cleaning_hourly", "greening_one_off", "greening_monthly"] as const;
export const ServiceTypeSchema = z.enum(serviceTypes);
export type ServiceType = z.infer<typeof ServiceTypeSchema>;

export const serviceStatuses = [
  /** Registered; the team's leader takes it from here. */
  "new",
  /** A site visit is booked, where the standard prices on site. */
  "site_visit",
  /** The leader's quote waits for the owner's Accept / Decline. */
  "quoted",
  /** The price is agreed (the quote accepted, or the standard's price); a time is still to agree. */
  "agreed",
  /** The leader proposed a time; the owner confirms it or proposes another. */
  "awaiting_confirmation",
  /** The time is confirmed and the work order open. */
  "scheduled",
  /** The team is on the way or at work: the owner can no longer reschedule or cancel. */
  "in_progress",
  /** The team finished; the owner inspects and accepts or reports a problem. */
  "done",
  /** Accepted and receipted; the front desk calls back. */
  "awaiting_callback",
  /** A monthly package whose visits run every month. */
  "active",
  "closed",
  /** A package ended: no more visits. */
  "ended",
  "declined",
  "cancelled",
] as const;
export const ServiceStatusSchema = z.enum(serviceStatuses);
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

/** ISO weekdays: 1 is Monday, 7 is Sunday. */
export const WeekdaySchema = z.number().int().min(1).max(7);

/**
 * When a package's visits are: on these weekdays at this local time, every week, or only in
 * some weeks of the month (`[1, 3]`: the first and third such weekday, two visits a month).
 */
export const PackageScheduleSchema = z.object({
  weekdays: z.array(WeekdaySchema).min(1),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  weeksOfMonth: z.array(z.number().int().min(1).max(5)).min(1).nullable(),
});
export type PackageSchedule = z.infer<typeof PackageScheduleSchema>;

export const QuoteAnswerSchema = z.enum(["accepted", "declined"]);

/** What a service order records besides the case header; stored in its own table with a column each. */
export const ServiceDetailsSchema = z.object({
  serviceType: ServiceTypeSchema,
  /** The price standard's item booked (CL-HOURLY, GR-ONE-OFF...). */
  priceCode: PriceCodeSchema,
  /** A monthly package: its visits recur until it ends. */
  isPackage: z.boolean(),
  /** The standard prices it on site: a site visit comes before the quote. */
  onsitePricing: z.boolean(),
  /** Floor area to clean, square metres (defaults from the unit). */
  areaM2: z.number().positive().nullable(),
  /** Hours booked, for an hourly clean. */
  hours: z.number().positive().nullable(),
  /** The owner's special requests, "" when none. */
  specialRequests: z.string(),
  /** The owner's preferred dates and times: a wish, not an appointment. */
  preferredTime: z.string(),
  /** The standard's estimate at booking; null when the price is set on site. */
  estimateFen: FenSchema.nullable(),
  siteVisitAt: z.date().nullable(),
  /** The leader's quote, [] until quoted. */
  quoteLines: z.array(ChargeLineSchema),
  quoteTotalFen: FenSchema.nullable(),
  quoteAnswer: QuoteAnswerSchema.nullable(),
  /** The price agreed with the owner: what the receipt will say (a package's: per month). */
  agreedFen: FenSchema.nullable(),
  /** A package's recurring visits, from the quote. */
  packageSchedule: PackageScheduleSchema.nullable(),
  /** The time proposed to, or confirmed by, the owner (one-off orders). */
  appointmentAt: z.date().nullable(),
  /** What the owner asked for instead of the proposed time, until the leader proposes again. */
  ownerTimeRequest: z.string().nullable(),
  completedAt: z.date().nullable(),
  acceptedAt: z.date().nullable(),
  /** The owner's words when they reported a problem with the work. */
  problemReport: z.string().nullable(),
  endedAt: z.date().nullable(),
  intakeChannel: IntakeChannelSchema,
});
export type ServiceDetails = z.infer<typeof ServiceDetailsSchema>;

/** A service order (有偿服务单): the case header with the service's details. */
export type ServiceCase = Case<ServiceDetails>;
