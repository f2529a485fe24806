import { z } from "zod";
import type { Case, Actor } from "../../case/case.js";
import type { CaseKind } from "../../case/kind.js";
import { recordEvent, refreshCard } from "../../case/machinery/changes.js";
import { formatCaseNumber, sequenceName } from "../../case/numbering.js";
import { localDate } from "../../domain/deadline.js";
import { isInWarranty, type Resident, type Unit } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";
import { type IntakeChannel, type RepairCase, type RepairCategory, RepairCategorySchema } from "./details.js";
import { repairTeam } from "./permissions.js";

export interface NewRepair {
  unit: Unit;
  reporter: Resident;
  /** The owner's messaging identity, told of every step; null when they are not on it. */
  reporterUserId: string | null;
  category: RepairCategory;
  description: string;
  photos: string[];
  publicArea: string | null;
  preferredTime: string;
  intakeChannel: IntakeChannel;
  /** Who recorded it: the owner in the bot, or the receptionist who took the call. */
  actor: Actor;
  /** The case it follows from (a complaint whose harm is ongoing). */
  linkedCaseId?: string | null;
}


/** What a repair request says, however it was taken: the bot and the front desk's form share these rules. */
export const repairRequestFields = {
  category: RepairCategorySchema,
  description: z.string().trim().min(2).max(2000),
  preferredTime: z.string().trim().min(1).max(200),
  /** Null for the reporter's own unit, otherwise where in the public area. */
  publicArea: z.string().trim().min(1).max(200).nullable(),
};

/**
 * Records a repair however it reached the front desk, so one taken by phone flows exactly like
 * one from the bot: numbered, warranty or paid from the unit's handover date, the work order
 * (维修工作单) queued for the maintenance channel, and its history's first event.
 */
export async function createRepair(store: Store, kind: CaseKind, input: NewRepair, now: Date, timeZone: string): Promise<RepairCase> {
  const today = localDate(now, timeZone);
  const year = Number(today.slice(0, 4));
  const sequence = await store.cases.nextSequence(sequenceName(kind.prefix, year));
  const created: RepairCase = {
    id: newId(),
    number: formatCaseNumber(kind.prefix, year, sequence),
    kind: kind.id,
    status: kind.lifecycle.initial,
    team: repairTeam,
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
    details: {
      category: input.category,
      description: input.description,
      photos: input.photos,
      publicArea: input.publicArea,
      preferredTime: input.preferredTime,
      appointmentAt: null,
      ownerTimeRequest: null,
      // Public-area repairs are the company's own upkeep, never billed to the reporting owner.
      billing: input.publicArea !== null || isInWarranty(input.unit, today) ? "warranty" : "paid",
      ownerFixedAnswer: null,
      completedAt: null,
      leakTestAt: null,
      intakeChannel: input.intakeChannel,
    },
  };
  await store.cases.create(created as Case);
  await recordEvent(store, created, { type: "reported", actor: input.actor, at: now, fromStatus: null, data: { channel: input.intakeChannel } });
  await refreshCard(store, kind, created, now);
  // Staff must see what the owner photographed; the photos follow the card into its thread.
  if (created.details.photos.length > 0) {
    await store.outbox.enqueue({ id: newId(), createdAt: now, payload: { type: "staff.case-photos", team: created.team, caseId: created.id } });
  }
  return created;
}
