import { z } from "zod";
import { enqueueOwnerNotice } from "../../../case/machinery/changes.js";
import { parseInput } from "../../../domain/errors.js";
import { IntakeAddressSchema, requireFrontDeskIntake } from "../../../use-cases/shared/reporter.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { RepairCase } from "../details.js";
import { createRepair, repairRequestFields } from "../new-repair.js";

export { type Caller, CallerSchema } from "../../../use-cases/shared/reporter.js";

export const RecordRepairForOwnerInputSchema = IntakeAddressSchema.extend({
  channel: z.enum(["phone", "counter"]),
  ...repairRequestFields,
  publicArea: repairRequestFields.publicArea.default(null),
});
export type RecordRepairForOwnerInput = z.input<typeof RecordRepairForOwnerInputSchema>;

/**
 * A receptionist records a repair taken by phone (来电接待) or at the counter (来访接待) for a
 * unit's caller: it flows as one from the bot (number, billing, work order, callback). A new
 * caller is registered to the unit as vouched for by the front desk; an owner on the bot (a
 * verified identity with the caller's phone) is told, and answers its questions there.
 */
export async function recordRepairForOwner(ctx: WorkflowContext, raw: RecordRepairForOwnerInput): Promise<RepairCase> {
  const input = parseInput(RecordRepairForOwnerInputSchema, raw);
  const now = ctx.time.now();
  const kind = ctx.kinds.kind("repair");
  const ticket = await ctx.uow.transaction(async (store) => {
    const { staff, unit, caller, identity } = await requireFrontDeskIntake(store, input);
    const created = await createRepair(store, kind, {
      unit,
      reporter: caller,
      reporterUserId: identity?.ownerUserId ?? null,
      category: input.category,
      description: input.description,
      photos: [],
      publicArea: input.publicArea,
      preferredTime: input.preferredTime,
      intakeChannel: input.channel,
      actor: { type: "staff", id: staff.id },
    }, now, ctx.timeZone);
    if (identity) {
      await enqueueOwnerNotice(store, identity, now, `repair.received_by_${input.channel}`, { number: created.number, billing: created.details.billing });
    }
    return created;
  });
  ctx.onOutboxWritten?.();
  return ticket;
}
