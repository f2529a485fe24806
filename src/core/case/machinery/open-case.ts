import { localDate } from "../../domain/deadline.js";
import type { Resident, Team, Unit } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";
import type { Actor, Case } from "../case.js";
import type { CaseKind } from "../kind.js";
import { formatCaseNumber, sequenceName } from "../numbering.js";
import { recordEvent, refreshCard } from "./changes.js";

export interface NewCase<D> {
  unit: Unit;
  reporter: Resident;
  /** The owner's messaging identity, told of every step; null when they are not on it. */
  reporterUserId: string | null;
  team: Team;
  /** The case it follows from (a repair opened because a complaint's harm is ongoing). */
  linkedCaseId?: string | null;
  details: D;
  /** Who recorded it: the owner in the bot, or the receptionist who took the call. */
  actor: Actor;
  /** How it reached the front desk (telegram, phone, counter, letter), kept in the first event. */
  channel: string;
  /** The owner's photos, posted in the card's thread after the card. */
  photos: readonly string[];
}

/**
 * Opens a case of any kind however it was taken: numbered in its kind's yearly sequence (the
 * local year), in its lifecycle's first status, with its first history event, its card queued
 * for its team's channel (and the kind's copies) and the owner's photos after it.
 */
export async function openCase<D>(store: Store, kind: CaseKind, input: NewCase<D>, now: Date, timeZone: string): Promise<Case<D>> {
  const year = Number(localDate(now, timeZone).slice(0, 4));
  const sequence = await store.cases.nextSequence(sequenceName(kind.prefix, year));
  const created: Case<D> = {
    id: newId(),
    number: formatCaseNumber(kind.prefix, year, sequence),
    kind: kind.id,
    status: kind.lifecycle.initial,
    team: input.team,
    unitId: input.unit.id,
    reporterId: input.reporter.id,
    reporterUserId: input.reporterUserId,
    assigneeId: null,
    linkedCaseId: input.linkedCaseId ?? null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    cancelReason: null,
    version: 1,
    details: input.details,
  };
  await store.cases.create(created as Case);
  await recordEvent(store, created, { type: "reported", actor: input.actor, at: now, fromStatus: null, data: { channel: input.channel } });
  await refreshCard(store, kind, created, now);
  // Staff must see what the owner photographed; the photos follow the card into its thread.
  if (input.photos.length > 0) {
    await store.outbox.enqueue({ id: newId(), createdAt: now, payload: { type: "staff.case-photos", team: created.team, caseId: created.id } });
  }
  return created;
}
