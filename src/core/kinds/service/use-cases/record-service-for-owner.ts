import { z } from "zod";
import { parseInput } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { IntakeAddressSchema, requireFrontDeskIntake } from "../../../use-cases/shared/reporter.js";
import type { ServiceCase } from "../details.js";
import { createService, receivedNotice, serviceRequestFields, serviceRequestOf } from "../new-service.js";
import { orderButtons } from "../owner-buttons.js";
import { noticeServiceOwner } from "../service-steps.js";

export const RecordServiceForOwnerInputSchema = IntakeAddressSchema.extend({
  /** Taken by phone or at the counter. */
  channel: z.enum(["phone", "counter"]),
  ...serviceRequestFields,
});
export type RecordServiceForOwnerInput = z.input<typeof RecordServiceForOwnerInputSchema>;

/**
 * A receptionist registers a service order taken by phone or at the counter (PROCEDURES.md §4:
 * the front desk registers and agrees the details): it flows as one booked in the bot. An owner
 * on the bot is told its number and estimate there, and answers quotes and times there.
 */
export async function recordServiceForOwner(ctx: WorkflowContext, raw: RecordServiceForOwnerInput): Promise<ServiceCase> {
  const input = parseInput(RecordServiceForOwnerInputSchema, raw);
  const now = ctx.time.now();
  const kind = ctx.kinds.kind("service");
  const created = await ctx.uow.transaction(async (store) => {
    const { staff, unit, caller, identity } = await requireFrontDeskIntake(store, input);
    const order = await createService(store, kind, {
      ...serviceRequestOf(input),
      unit,
      reporter: caller,
      reporterUserId: identity?.ownerUserId ?? null,
      photos: [],
      channel: input.channel,
      actor: { type: "staff", id: staff.id },
    }, now, ctx.timeZone);
    const notice = receivedNotice(order, `_by_${input.channel}`);
    await noticeServiceOwner(store, order, now, notice.key, notice.params, orderButtons(order.id));
    return order;
  });
  ctx.onOutboxWritten?.();
  return created;
}
