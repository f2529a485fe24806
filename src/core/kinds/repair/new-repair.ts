import { z } from "zod";
import type { Actor } from "../../case/case.js";
import type { CaseKind } from "../../case/kind.js";
import { openCase } from "../../case/machinery/open-case.js";
import { localDate } from "../../domain/deadline.js";
import { isInWarranty, type Resident, type Unit } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import { type IntakeChannel, type RepairCase, type RepairDetails, type RepairCategory, RepairCategorySchema } from "./details.js";
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
  return openCase<RepairDetails>(store, kind, {
    unit: input.unit,
    reporter: input.reporter,
    reporterUserId: input.reporterUserId,
    team: repairTeam,
    linkedCaseId: input.linkedCaseId ?? null,
    actor: input.actor,
    channel: input.intakeChannel,
    photos: input.photos,
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
      chargeLines: [],
    },
  }, now, timeZone);
}
