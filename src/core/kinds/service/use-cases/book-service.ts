import { z } from "zod";
import { parseInput } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { requireOwnerReporter } from "../../../use-cases/shared/reporter.js";
import type { ServiceCase } from "../details.js";
import { createService, receivedNotice, serviceRequestFields, serviceRequestOf } from "../new-service.js";
import { orderButtons } from "../owner-buttons.js";
import { noticeServiceOwner } from "../service-steps.js";

export const BookServiceInputSchema = z.object({
  ownerUserId: z.string(),
  /** Which of the owner's units; defaults to their first. */
  unitId: z.string().optional(),
  ...serviceRequestFields,
  photos: z.array(z.string()).max(10).default([]),
});
export type BookServiceInput = z.input<typeof BookServiceInputSchema>;

/**
 * A verified owner books a paid home service in the bot (便民服务): registered now, the team's
 * leader sees its card, and the owner is told its number with the estimate or that it is priced
 * on site, with Reschedule / Cancel while the team is not on the way.
 */
export async function bookService(ctx: WorkflowContext, raw: BookServiceInput): Promise<ServiceCase> {
  const input = parseInput(BookServiceInputSchema, raw);
  const now = ctx.time.now();
  const kind = ctx.kinds.kind("service");
  const created = await ctx.uow.transaction(async (store) => {
    const { identity, resident, unit } = await requireOwnerReporter(store, input.ownerUserId, input.unitId);
    const order = await createService(store, kind, {
      ...serviceRequestOf(input),
      unit,
      reporter: resident,
      reporterUserId: identity.ownerUserId,
      photos: input.photos,
      channel: "telegram",
      actor: { type: "owner", id: resident.id },
    }, now, ctx.timeZone);
    const notice = receivedNotice(order);
    await noticeServiceOwner(store, order, now, notice.key, notice.params, orderButtons(order.id));
    return order;
  });
  ctx.onOutboxWritten?.();
  return created;
}
