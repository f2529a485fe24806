import { z } from "zod";
import { FenSchema } from "./money.js";
import { TeamSchema } from "./registry.js";

/**
 * The teams that publish a price standard for paid home services (PROCEDURES.md §4):
 * 《工程维修部有偿服务标准》 (maintenance), 《清洁有偿服务收费标准》 (cleaning) and
 * 《绿化部有偿服务标准》 (greening).
 */
export const priceTeams = ["maintenance", "cleaning", "greening"] as const;
export const PriceTeamSchema = TeamSchema.extract(priceTeams);
export type PriceTeam = z.infer<typeof PriceTeamSchema>;

/** What one price is for: one visit or job, one hour of work, one square metre of floor, one month of a package. */
export const pricingUnits = ["visit", "hour", "m2", "month"] as const;
export const PricingUnitSchema = z.enum(pricingUnits);
export type PricingUnit = z.infer<typeof PricingUnitSchema>;

/**
 * Codes name an item in quotes, work orders and button payloads for years, so they are short
 * and plain: capital letters and digits in hyphenated words (`MT-TAP`, `CL-MONTHLY`). 32
 * characters leave room in a Telegram button's 64 bytes of callback data.
 */
export const PriceCodeSchema = z.string().regex(/^[A-Z0-9]+(?:-[A-Z0-9]+)*$/, "code must be capital letters and digits in hyphenated words, such as MT-TAP").max(32, "code is longer than 32 characters");

/** The largest price a price_items row holds (a 32-bit integer of fen): ¥21,474,836.47. */
export const maxPriceFen = 2_147_483_647;

/**
 * One item of a team's published price standard. `priceFen` is per `pricingUnit`. With
 * `onsitePricing` the item is priced by the team on site (greening jobs, whole-flat cleaning):
 * its price is then the standard's guide price for an estimate, and 0 means the standard gives
 * none; without it the price is what the owner pays.
 */
export const PriceItemSchema = z.object({
  code: PriceCodeSchema,
  team: PriceTeamSchema,
  nameZh: z.string().min(1),
  nameEn: z.string().min(1),
  pricingUnit: PricingUnitSchema,
  priceFen: FenSchema.max(maxPriceFen),
  onsitePricing: z.boolean(),
});
export type PriceItem = z.infer<typeof PriceItemSchema>;
