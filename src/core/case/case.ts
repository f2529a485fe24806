import { z } from "zod";
import type { Team } from "../domain/registry.js";

/** A kind of request ("repair", later "complaint", "service", "fee"); its definition is in the registry. */
export type CaseKindId = string;

/**
 * What every request shares, whatever its kind: the number people quote, the state its kind's
 * lifecycle allows, who reported it, which team owns it and who works it. The kind's own fields
 * live in `details`, validated by the kind's details schema and stored in the kind's own table.
 */
export interface CaseHeader {
  id: string;
  /** Human number such as `R-2026-000123`: the kind's prefix, the local year, a yearly sequence. */
  number: string;
  kind: CaseKindId;
  /** One of the kind's lifecycle statuses; only a lifecycle transition changes it. */
  status: string;
  team: Team;
  unitId: string;
  /** The resident the case is about (who reported it, or for whom the front desk recorded it). */
  reporterId: string;
  /** The owner's messaging identity that reported it, or null (taken by phone, at the counter). */
  reporterUserId: string | null;
  assigneeId: string | null;
  /** Another case this one follows from (a complaint about a repair, a dispute of a charge). */
  linkedCaseId: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  /** Why staff cancelled it, told to the owner; null unless cancelled. */
  cancelReason: string | null;
  /** Optimistic concurrency: a save fails with `conflict` when another change landed first. */
  version: number;
}

export interface Case<D = unknown> extends CaseHeader {
  details: D;
}

export const ActorSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("owner"), id: z.string() }),
  z.object({ type: z.literal("staff"), id: z.string() }),
  z.object({ type: z.literal("system") }),
]);
export type Actor = z.infer<typeof ActorSchema>;

/** One row of a case's history; written for every change, never edited. */
export interface CaseEvent {
  id: string;
  caseId: string;
  at: Date;
  actor: Actor;
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  data: Record<string, unknown>;
}
