import { DateTime } from "luxon";
import { z } from "zod";

export const teams = ["frontdesk", "maintenance", "cleaning", "greening", "security", "manager"] as const;
export const TeamSchema = z.enum(teams);
export type Team = z.infer<typeof TeamSchema>;

export const StaffRoleSchema = z.enum(["member", "leader", "manager"]);
export type StaffRole = z.infer<typeof StaffRoleSchema>;

export const locales = ["zh-CN", "en"] as const;
export const LocaleSchema = z.enum(locales);
export type Locale = z.infer<typeof LocaleSchema>;

export const ResidentRoleSchema = z.enum(["owner", "tenant", "proxy"]);
export type ResidentRole = z.infer<typeof ResidentRoleSchema>;

/**
 * Who vouches for a resident: the unit registry import, or the front desk approving a
 * verification card. A registry re-import removes only the owners it vouched for.
 */
export const ResidentSourceSchema = z.enum(["registry", "front_desk"]);
export type ResidentSource = z.infer<typeof ResidentSourceSchema>;

export interface Unit {
  id: string;
  building: string;
  unit: string;
  areaM2: number;
  /** Calendar date `YYYY-MM-DD` the flat was handed over; the warranty runs from it. */
  handoverDate: string;
  warrantyMonths: number;
}

export interface Resident {
  id: string;
  unitId: string;
  name: string;
  /** Normalised with {@link normalisePhone}. */
  phone: string;
  locale: Locale;
  role: ResidentRole;
  source: ResidentSource;
}

export interface StaffMember {
  id: string;
  staffUserId: string;
  name: string;
  team: Team;
  role: StaffRole;
}

/** An owner as the owners' messaging platform knows them (a Telegram user); verified once their phone is tied to a unit. */
export interface OwnerIdentity {
  ownerUserId: string;
  chatId: string;
  locale: Locale;
  displayName: string;
  phone: string | null;
  verified: boolean;
}

export const VerificationStatusSchema = z.enum(["pending", "approved", "rejected"]);
export type VerificationStatus = z.infer<typeof VerificationStatusSchema>;

/** An owner whose phone is not in the registry asks the front desk to confirm their unit. */
export interface VerificationRequest {
  id: string;
  ownerUserId: string;
  name: string;
  phone: string;
  /** As the register writes it when the unit was found; as the owner typed it otherwise. */
  building: string;
  unit: string;
  /** Null when the owner's address is not in the register and they asked the front desk to check it. */
  unitId: string | null;
  status: VerificationStatus;
  decidedBy: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/**
 * Phones are compared as digits with a leading `+`: Telegram clients send a shared contact with
 * or without it, and registries are typed with spaces and dashes.
 */
export function normalisePhone(raw: string): string {
  const digits = raw.replace(/[^\d]/g, "");
  return digits.length === 0 ? "" : `+${digits}`;
}

/**
 * Registry phones must carry their country code (`+86...` or `0086...`): a bare `138...` would be
 * stored as `+138...` and never match the `86138...` Telegram sends, so it is refused instead.
 */
export const PhoneSchema = z
  .string()
  .trim()
  .regex(/^(\+|00)[1-9][\d\s-]{5,18}$/, "phone must be in international form such as +8613800000001")
  .transform((raw) => normalisePhone(raw.replace(/^00/, "+")));

/** Warranty end as a calendar date: handover date plus the warranty months. */
export function warrantyEnd(unit: Pick<Unit, "handoverDate" | "warrantyMonths">): string {
  // Calendar months clamp at month ends: 2024-08-31 + 6 months is 2025-02-28, not March 3rd.
  return DateTime.fromISO(unit.handoverDate, { zone: "UTC" }).plus({ months: unit.warrantyMonths }).toISODate() ?? unit.handoverDate;
}

/** Whether a repair on this unit is free (in warranty) on the given local calendar date. */
export function isInWarranty(unit: Pick<Unit, "handoverDate" | "warrantyMonths">, localDate: string): boolean {
  return localDate < warrantyEnd(unit);
}
