import { z } from "zod";
import { enqueueOwnerNotice } from "../../../case/machinery/changes.js";
import { requireFrontDesk, requireStaff } from "../../../case/machinery/staff-access.js";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import { PhoneSchema, type Resident } from "../../../domain/registry.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { RepairCase } from "../details.js";
import { createRepair, repairRequestFields } from "../new-repair.js";

/** The caller: one of the unit's residents, or someone new with a name and a phone. */
export const CallerSchema = z.union([
  z.object({ residentId: z.string().min(1) }),
  z.object({ name: z.string().trim().min(1).max(100), phone: PhoneSchema }),
]);
export type Caller = z.infer<typeof CallerSchema>;

export const RecordRepairForOwnerInputSchema = z.object({
  staffUserId: z.string(),
  channel: z.enum(["phone", "counter"]),
  building: z.string().trim().min(1).max(20),
  unit: z.string().trim().min(1).max(20),
  caller: CallerSchema,
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
    const staff = await requireStaff(store, input.staffUserId);
    await requireFrontDesk(store, staff, `${input.building}-${input.unit}`, "take_request");
    const unit = await store.units.findByAddress(input.building, input.unit);
    if (!unit) throw new WorkflowError("unit_not_found", `no unit ${input.building}-${input.unit}`, { building: input.building, unit: input.unit });
    let caller: Resident | null;
    if ("residentId" in input.caller) {
      caller = await store.residents.findById(input.caller.residentId);
      if (!caller || caller.unitId !== unit.id) throw new WorkflowError("not_found", `resident ${input.caller.residentId} is not of ${unit.id}`);
    } else {
      caller = await store.residents.upsert({ unitId: unit.id, name: input.caller.name, phone: input.caller.phone, locale: "zh-CN", role: "owner", source: "front_desk" });
    }
    const identity = (await store.identities.findVerifiedByPhone(caller.phone))[0] ?? null;
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
