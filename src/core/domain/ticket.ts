import { z } from "zod";
import type { Team } from "./registry.js";

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

export const TicketKindSchema = z.enum(["repair"]);
export type TicketKind = z.infer<typeof TicketKindSchema>;

export const TicketStatusSchema = z.enum([
  "new",
  "assigned",
  "awaiting_confirmation",
  "scheduled",
  "in_progress",
  "leak_test_pending",
  "awaiting_callback",
  "closed",
  "cancelled",
]);
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

export const BillingSchema = z.enum(["warranty", "paid"]);
export type Billing = z.infer<typeof BillingSchema>;

export const FixedAnswerSchema = z.enum(["yes", "no"]);
export type FixedAnswer = z.infer<typeof FixedAnswerSchema>;

export interface Ticket {
  id: string;
  /** Human number such as `R-2026-000123`, unique, shown to owners and staff. */
  number: string;
  kind: TicketKind;
  category: RepairCategory;
  description: string;
  /** Telegram file ids of the owner's photos. */
  photos: string[];
  unitId: string;
  /** Null when the repair is in the owner's own unit; otherwise the public place described. */
  publicArea: string | null;
  reporterId: string;
  reporterUserId: string | null;
  preferredTime: string;
  appointmentAt: Date | null;
  /** What the owner asked for instead of the proposed time, until staff propose again. */
  ownerTimeRequest: string | null;
  assigneeId: string | null;
  team: Team;
  status: TicketStatus;
  billing: Billing;
  ownerFixedAnswer: FixedAnswer | null;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  leakTestAt: Date | null;
  closedAt: Date | null;
  /** Optimistic concurrency: a save fails with `conflict` when another change landed first. */
  version: number;
}

export const ActorSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("owner"), id: z.string() }),
  z.object({ type: z.literal("staff"), id: z.string() }),
  z.object({ type: z.literal("system") }),
]);
export type Actor = z.infer<typeof ActorSchema>;

/** One row of a ticket's history; written for every change, never edited. */
export interface TicketEvent {
  id: string;
  ticketId: string;
  at: Date;
  actor: Actor;
  type: string;
  fromStatus: TicketStatus | null;
  toStatus: TicketStatus | null;
  data: Record<string, unknown>;
}
