import { z } from "zod";
import { transitionCase } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor } from "../../../case/machinery/owner-case-action.js";
import { parseInput } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { requireCurrentServiceProposal } from "../proposal-answer.js";
import { alertServiceTeam, noticeServiceOwner, ownerServiceStep } from "../service-steps.js";

/** What an owner types as the time they would rather have. */
export const TimeWishSchema = z.string().trim().min(1, "a time is required").max(300);

export interface RequestOtherServiceTimeInput extends OwnerCaseInput {
  proposedAt?: string;
  wish: string;
}

/** The owner would rather have another time: the proposal is dropped and the leader, told the wish, proposes again. */
export async function requestOtherServiceTime(ctx: WorkflowContext, input: RequestOtherServiceTimeInput): Promise<ServiceCase> {
  const wish = parseInput(TimeWishSchema, input.wish);
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    const at = requireCurrentServiceProposal(subject, input.proposedAt, now);
    const updated = await transitionCase(store, kind, subject, {
      action: "request_other_time",
      actor: ownerActor(subject),
      at: now,
      details: { appointmentAt: null, ownerTimeRequest: wish },
      data: { proposedAt: at.toISOString(), wish },
    });
    await alertServiceTeam(store, updated, now, "alerts.service_other_time", { wish, at: { instant: at.toISOString() } });
    await noticeServiceOwner(store, updated, now, "service.other_time_noted", { wish });
    return updated;
  });
}
