import { WorkflowError } from "../domain/errors.js";
import type { VerificationRequest } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { newId } from "../ports/workflow-context.js";
import { enqueueOwnerNotice } from "../case/machinery/changes.js";
import { requireFrontDesk, requireStaff } from "../case/machinery/staff-access.js";

export interface DecideVerificationInput {
  verificationId: string;
  staffUserId: string;
  approve: boolean;
}

/** The front desk approves (the phone joins the unit's residents) or rejects; the owner is told. */
export async function decideVerification(ctx: WorkflowContext, input: DecideVerificationInput): Promise<VerificationRequest> {
  const now = ctx.time.now();
  const decided = await ctx.uow.transaction(async (store) => {
    const staff = await requireStaff(store, input.staffUserId);
    const request = await store.verifications.findById(input.verificationId);
    if (!request) throw new WorkflowError("not_found", `verification ${input.verificationId} not found`);
    await requireFrontDesk(store, staff, `${request.building}-${request.unit}`, "decide_verification");
    if (request.status !== "pending") throw new WorkflowError("already_decided", `verification ${request.id} is ${request.status}`);
    const result: VerificationRequest = { ...request, status: input.approve ? "approved" : "rejected", decidedBy: staff.id, decidedAt: now };
    await store.verifications.save(result);
    const identity = await store.identities.find(request.ownerUserId);
    if (input.approve && identity) {
      await store.residents.upsert({ unitId: request.unitId, name: request.name, phone: request.phone, locale: identity.locale, role: "owner", source: "front_desk" });
      await store.identities.save({ ...identity, verified: true });
    }
    if (identity) {
      await enqueueOwnerNotice(store, identity, now, input.approve ? "onboarding.approved" : "onboarding.rejected", {
        building: request.building,
        unit: request.unit,
      });
    }
    await store.outbox.enqueue({ id: newId(), createdAt: now, payload: { type: "staff.verification-card", team: "frontdesk", verificationId: request.id } });
    return result;
  });
  ctx.onOutboxWritten?.();
  return decided;
}
