import { z } from "zod";
import type { Case } from "../../../case/case.js";
import { noticeOwner, recordEvent, refreshCard } from "../../../case/machinery/changes.js";
import { formatCaseNumber, sequenceName } from "../../../case/numbering.js";
import { localDate } from "../../../domain/deadline.js";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import { isInWarranty } from "../../../domain/registry.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { newId } from "../../../ports/workflow-context.js";
import { RepairCategorySchema, type RepairCase } from "../details.js";
import { repairTeam } from "../permissions.js";

export const ReportRepairInputSchema = z.object({
  ownerUserId: z.string(),
  /** Which of the owner's units; defaults to their first. */
  unitId: z.string().optional(),
  category: RepairCategorySchema,
  description: z.string().trim().min(2).max(2000),
  photos: z.array(z.string()).max(10),
  /** Null for the owner's own unit, otherwise where in the public area. */
  publicArea: z.string().trim().min(1).max(200).nullable(),
  preferredTime: z.string().trim().min(1).max(200),
});
export type ReportRepairInput = z.infer<typeof ReportRepairInputSchema>;

/**
 * Records a repair reported by a verified owner (报修): numbers it, decides warranty or paid from
 * the unit's handover date, notifies the maintenance channel and confirms to the owner. An owner
 * whose phone no longer belongs to any resident (removed by a registry re-import) is `not_verified`.
 */
export async function reportRepair(ctx: WorkflowContext, raw: ReportRepairInput): Promise<RepairCase> {
  const input = parseInput(ReportRepairInputSchema, raw);
  const now = ctx.time.now();
  const today = localDate(now, ctx.timeZone);
  const kind = ctx.kinds.kind("repair");
  const ticket = await ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(input.ownerUserId);
    if (!identity?.verified || !identity.phone) throw new WorkflowError("not_verified", `owner ${input.ownerUserId} is not verified`);
    const residents = await store.residents.findByPhone(identity.phone);
    // No resident left under the phone: the owner was removed (their flat sold), not mistaken about a unit.
    if (residents.length === 0) throw new WorkflowError("not_verified", `owner ${input.ownerUserId} has no residents left`);
    const resident = residents.find((candidate) => !input.unitId || candidate.unitId === input.unitId);
    if (!resident) throw new WorkflowError("unit_not_found", `owner ${input.ownerUserId} has no unit ${input.unitId ?? ""}`);
    const unit = await store.units.findById(resident.unitId);
    if (!unit) throw new WorkflowError("unit_not_found", `unit ${resident.unitId} vanished`);
    const year = Number(today.slice(0, 4));
    const sequence = await store.cases.nextSequence(sequenceName(kind.prefix, year));
    const created: RepairCase = {
      id: newId(),
      number: formatCaseNumber(kind.prefix, year, sequence),
      kind: kind.id,
      status: kind.lifecycle.initial,
      team: repairTeam,
      unitId: unit.id,
      reporterId: resident.id,
      reporterUserId: identity.ownerUserId,
      assigneeId: null,
      linkedCaseId: null,
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
        billing: input.publicArea !== null || isInWarranty(unit, today) ? "warranty" : "paid",
        ownerFixedAnswer: null,
        completedAt: null,
        leakTestAt: null,
      },
    };
    await store.cases.create(created as Case);
    await recordEvent(store, created, { type: "reported", actor: { type: "owner", id: resident.id }, at: now, fromStatus: null });
    await refreshCard(store, created, now);
    // Staff must see what the owner photographed; the photos follow the card into its thread.
    if (created.details.photos.length > 0) {
      await store.outbox.enqueue({ id: newId(), createdAt: now, payload: { type: "staff.case-photos", team: created.team, caseId: created.id } });
    }
    await noticeOwner(store, created, now, "repair.received", { billing: created.details.billing });
    return created;
  });
  ctx.onOutboxWritten?.();
  return ticket;
}
