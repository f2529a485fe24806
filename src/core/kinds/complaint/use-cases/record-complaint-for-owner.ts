import { z } from "zod";
import { enqueueOwnerNotice } from "../../../case/machinery/changes.js";
import { parseInput } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { IntakeAddressSchema, requireFrontDeskIntake } from "../../../use-cases/shared/reporter.js";
import type { ComplaintCase } from "../details.js";
import { complaintRequestFields, complaintRequestOf, createComplaint } from "../new-complaint.js";

export const RecordComplaintForOwnerInputSchema = IntakeAddressSchema.extend({
  /** Taken by phone, at the counter, or from a letter (written complaints follow the same procedure). */
  channel: z.enum(["phone", "counter", "letter"]),
  ...complaintRequestFields,
  about: complaintRequestFields.about.default(null),
  deadline: complaintRequestFields.deadline.default(null),
});
export type RecordComplaintForOwnerInput = z.input<typeof RecordComplaintForOwnerInputSchema>;

/**
 * A receptionist records a complaint taken by phone, at the counter or from a letter: received
 * when recorded, it flows as one from the bot. An owner on the bot is told its number there.
 */
export async function recordComplaintForOwner(ctx: WorkflowContext, raw: RecordComplaintForOwnerInput): Promise<ComplaintCase> {
  const input = parseInput(RecordComplaintForOwnerInputSchema, raw);
  const now = ctx.time.now();
  const kind = ctx.kinds.kind("complaint");
  const created = await ctx.uow.transaction(async (store) => {
    const { staff, unit, caller, identity } = await requireFrontDeskIntake(store, input);
    const complaint = await createComplaint(store, kind, {
      unit,
      reporter: caller,
      reporterUserId: identity?.ownerUserId ?? null,
      ...complaintRequestOf(input),
      photos: [],
      channel: input.channel,
      actor: { type: "staff", id: staff.id },
    }, now, ctx.timeZone);
    if (identity) await enqueueOwnerNotice(store, identity, now, `complaint.received_by_${input.channel}`, { number: complaint.number });
    return complaint;
  });
  ctx.onOutboxWritten?.();
  return created;
}
