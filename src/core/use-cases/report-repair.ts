import { z } from "zod";
import { localDate } from "../domain/deadline.js";
import { parseInput, WorkflowError } from "../domain/errors.js";
import { isInWarranty } from "../domain/registry.js";
import { RepairCategorySchema, type Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { newId } from "../ports/workflow-context.js";
import { formatTicketNumber } from "../rules/numbering.js";
import { repairTeam } from "../rules/permissions.js";
import { noticeOwner, recordEvent, refreshCard } from "./shared/ticket-changes.js";

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
export async function reportRepair(ctx: WorkflowContext, raw: ReportRepairInput): Promise<Ticket> {
  const input = parseInput(ReportRepairInputSchema, raw);
  const now = ctx.time.now();
  const today = localDate(now, ctx.timeZone);
  const ticket = await ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(input.ownerUserId);
    if (!identity?.verified || !identity.phone) throw new WorkflowError("not_verified", `telegram user ${input.ownerUserId} is not verified`);
    const residents = await store.residents.findByPhone(identity.phone);
    // No resident left under the phone: the owner was removed (their flat sold), not mistaken about a unit.
    if (residents.length === 0) throw new WorkflowError("not_verified", `telegram user ${input.ownerUserId} has no residents left`);
    const resident = residents.find((candidate) => !input.unitId || candidate.unitId === input.unitId);
    if (!resident) throw new WorkflowError("unit_not_found", `telegram user ${input.ownerUserId} has no unit ${input.unitId ?? ""}`);
    const unit = await store.units.findById(resident.unitId);
    if (!unit) throw new WorkflowError("unit_not_found", `unit ${resident.unitId} vanished`);
    const year = Number(today.slice(0, 4));
    const sequence = await store.tickets.nextSequence(`R-${year}`);
    const created: Ticket = {
      id: newId(),
      number: formatTicketNumber("repair", year, sequence),
      kind: "repair",
      category: input.category,
      description: input.description,
      photos: input.photos,
      unitId: unit.id,
      publicArea: input.publicArea,
      reporterId: resident.id,
      reporterUserId: identity.ownerUserId,
      preferredTime: input.preferredTime,
      appointmentAt: null,
      ownerTimeRequest: null,
      assigneeId: null,
      team: repairTeam,
      status: "new",
      // Public-area repairs are the company's own upkeep, never billed to the reporting owner.
      billing: input.publicArea !== null || isInWarranty(unit, today) ? "warranty" : "paid",
      ownerFixedAnswer: null,
      cancelReason: null,
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      leakTestAt: null,
      closedAt: null,
      version: 1,
    };
    await store.tickets.create(created);
    await recordEvent(store, created, { type: "reported", actor: { type: "owner", id: resident.id }, at: now, fromStatus: null });
    await refreshCard(store, created, now);
    await noticeOwner(store, created, now, "repair.received", { billing: created.billing });
    return created;
  });
  ctx.onOutboxWritten?.();
  return ticket;
}
