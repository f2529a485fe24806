import { z } from "zod";
import { noticeOwner } from "../../../case/machinery/changes.js";
import { parseInput } from "../../../domain/errors.js";
import { requireOwnerReporter } from "../../../use-cases/shared/reporter.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { RepairCase } from "../details.js";
import { createRepair, repairRequestFields } from "../new-repair.js";

export const ReportRepairInputSchema = z.object({
  ownerUserId: z.string(),
  /** Which of the owner's units; defaults to their first. */
  unitId: z.string().optional(),
  ...repairRequestFields,
  photos: z.array(z.string()).max(10),
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
  const kind = ctx.kinds.kind("repair");
  const ticket = await ctx.uow.transaction(async (store) => {
    const { identity, resident, unit } = await requireOwnerReporter(store, input.ownerUserId, input.unitId);
    const created = await createRepair(store, kind, {
      unit,
      reporter: resident,
      reporterUserId: identity.ownerUserId,
      category: input.category,
      description: input.description,
      photos: input.photos,
      publicArea: input.publicArea,
      preferredTime: input.preferredTime,
      intakeChannel: "telegram",
      actor: { type: "owner", id: resident.id },
    }, now, ctx.timeZone);
    await noticeOwner(store, created, now, "repair.received", { billing: created.details.billing });
    return created;
  });
  ctx.onOutboxWritten?.();
  return ticket;
}
