import { WorkflowError } from "../domain/errors.js";
import type { VerificationRequest } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { newId } from "../ports/workflow-context.js";

export interface RequestVerificationInput {
  ownerUserId: string;
  building: string;
  unit: string;
}

/**
 * An owner whose phone is not in the registry names their unit; the front desk gets a card to
 * approve or reject. Asking again while a request is pending returns that request.
 */
export async function requestVerification(ctx: WorkflowContext, input: RequestVerificationInput): Promise<VerificationRequest> {
  const now = ctx.time.now();
  const request = await ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(input.ownerUserId);
    if (!identity?.phone) throw new WorkflowError("not_verified", `owner ${input.ownerUserId} has not shared a phone`);
    const pending = await store.verifications.findPendingByOwner(input.ownerUserId);
    if (pending) return pending;
    const unit = await store.units.findByAddress(input.building.trim(), input.unit.trim());
    if (!unit) {
      throw new WorkflowError("unit_not_found", `no unit ${input.building}/${input.unit}`, { building: input.building, unit: input.unit });
    }
    const created: VerificationRequest = {
      id: newId(),
      ownerUserId: identity.ownerUserId,
      name: identity.displayName,
      phone: identity.phone,
      building: unit.building,
      unit: unit.unit,
      unitId: unit.id,
      status: "pending",
      decidedBy: null,
      createdAt: now,
      decidedAt: null,
    };
    await store.verifications.create(created);
    await store.outbox.enqueue({ id: newId(), createdAt: now, payload: { type: "staff.verification-card", team: "frontdesk", verificationId: created.id } });
    return created;
  });
  ctx.onOutboxWritten?.();
  return request;
}
