import { WorkflowError } from "../domain/errors.js";
import type { VerificationRequest } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { newId } from "../ports/workflow-context.js";
import { normalizeBuilding, normalizeUnit } from "../domain/address.js";
import { findUnitAsWritten } from "./shared/find-unit.js";

export interface RequestVerificationInput {
  ownerUserId: string;
  building: string;
  unit: string;
  /**
   * The owner asks the front desk to check an address the register does not hold: the request is
   * filed with what they typed and no unit, instead of being refused as `unit_not_found`.
   */
  unlisted?: boolean;
}

/**
 * An owner whose phone is not in the registry names their unit; the front desk gets a card to
 * approve or reject. The address is read as owners write it ("五栋", "802室"). Asking again
 * while a request is pending returns that request.
 */
export async function requestVerification(ctx: WorkflowContext, input: RequestVerificationInput): Promise<VerificationRequest> {
  const now = ctx.time.now();
  const request = await ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(input.ownerUserId);
    if (!identity?.phone) throw new WorkflowError("not_verified", `owner ${input.ownerUserId} has not shared a phone`);
    const pending = await store.verifications.findPendingByOwner(input.ownerUserId);
    if (pending) return pending;
    const unit = await findUnitAsWritten(store, input.building, input.unit);
    const typed = { building: normalizeBuilding(input.building), unit: normalizeUnit(input.unit) };
    if (!unit && input.unlisted !== true) {
      throw new WorkflowError("unit_not_found", `no unit ${input.building}/${input.unit}`, typed);
    }
    const created: VerificationRequest = {
      id: newId(),
      ownerUserId: identity.ownerUserId,
      name: identity.displayName,
      phone: identity.phone,
      building: unit?.building ?? typed.building,
      unit: unit?.unit ?? typed.unit,
      unitId: unit?.id ?? null,
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
