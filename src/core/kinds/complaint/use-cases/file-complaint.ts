import { z } from "zod";
import { noticeOwner } from "../../../case/machinery/changes.js";
import { parseInput } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { requireOwnerReporter } from "../../../use-cases/shared/reporter.js";
import type { ComplaintCase } from "../details.js";
import { complaintRequestFields, complaintRequestOf, createComplaint } from "../new-complaint.js";

export const FileComplaintInputSchema = z.object({
  ownerUserId: z.string(),
  /** Which of the owner's units; defaults to their first. */
  unitId: z.string().optional(),
  ...complaintRequestFields,
  photos: z.array(z.string()).max(10),
});
export type FileComplaintInput = z.input<typeof FileComplaintInputSchema>;

/** A verified owner files a complaint in the bot (投诉): it is received now, and the front desk sees it at once. */
export async function fileComplaint(ctx: WorkflowContext, raw: FileComplaintInput): Promise<ComplaintCase> {
  const input = parseInput(FileComplaintInputSchema, raw);
  const now = ctx.time.now();
  const kind = ctx.kinds.kind("complaint");
  const created = await ctx.uow.transaction(async (store) => {
    const { identity, resident, unit } = await requireOwnerReporter(store, input.ownerUserId, input.unitId);
    const complaint = await createComplaint(store, kind, {
      unit,
      reporter: resident,
      reporterUserId: identity.ownerUserId,
      ...complaintRequestOf(input),
      photos: input.photos,
      channel: "telegram",
      actor: { type: "owner", id: resident.id },
    }, now, ctx.timeZone);
    await noticeOwner(store, complaint, now, "complaint.received");
    return complaint;
  });
  ctx.onOutboxWritten?.();
  return created;
}
