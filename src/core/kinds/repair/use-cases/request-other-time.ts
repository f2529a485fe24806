import { z } from "zod";
import { noticeOwner, transitionCase } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor, ownerCaseAction } from "../../../case/machinery/owner-case-action.js";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { RepairCase, RepairDetails } from "../details.js";

export const OwnerTimeRequestSchema = z.string().trim().min(1).max(200);

/** The owner cannot make the proposed time and says when they can; staff propose again. */
export async function requestOtherTime(ctx: WorkflowContext, input: OwnerCaseInput & { preferredTime: string; proposedAt?: string }): Promise<RepairCase> {
  const preferredTime = parseInput(OwnerTimeRequestSchema, input.preferredTime);
  return ownerCaseAction<RepairDetails>(ctx, input, async ({ store, subject, kind, now }) => {
    if (subject.status === "awaiting_confirmation" && input.proposedAt !== undefined) {
      const current = subject.details.appointmentAt?.toISOString();
      if (current !== new Date(input.proposedAt).toISOString()) throw new WorkflowError("expired", `proposal ${input.proposedAt} of ${subject.number} is not current`, { number: subject.number });
    }
    const updated = await transitionCase(store, kind, subject, {
      action: "request_other_time",
      event: "other_time_requested",
      actor: ownerActor(subject),
      at: now,
      details: { ownerTimeRequest: preferredTime, appointmentAt: null },
      data: { preferredTime },
    });
    await noticeOwner(store, updated, now, "repair.other_time_noted", { preferredTime });
    return updated;
  }, "repair");
}
