import { WorkflowError } from "../domain/errors.js";
import type { VerificationRequest } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { newId } from "../ports/workflow-context.js";
import { enqueueOwnerNotice } from "../case/machinery/changes.js";
import { requireFrontDesk, requireStaff } from "../case/machinery/staff-access.js";
import { findUnitAsWritten } from "./shared/find-unit.js";

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
    // An address the owner typed that the register lacked is looked up again: the front desk adds
    // the flat to the register (import units), then approves. Until then approving cannot link it.
    const unit = request.unitId === null && input.approve ? await findUnitAsWritten(store, request.building, request.unit) : null;
    if (request.unitId === null && input.approve && !unit) {
      throw new WorkflowError("unit_not_found", `verification ${request.id}: no unit ${request.building}/${request.unit} in the register`, { building: request.building, unit: request.unit });
    }
    const unitId = request.unitId ?? unit?.id ?? null;
    const address = unit ? { building: unit.building, unit: unit.unit } : {};
    const result: VerificationRequest = { ...request, ...address, unitId, status: input.approve ? "approved" : "rejected", decidedBy: staff.id, decidedAt: now };
    await store.verifications.save(result);
    const identity = await store.identities.find(request.ownerUserId);
    if (input.approve && identity && unitId !== null) {
      await store.residents.upsert({ unitId, name: request.name, phone: request.phone, locale: identity.locale, role: "owner", source: "front_desk" });
      await store.identities.save({ ...identity, verified: true });
    }
    if (identity) {
      await enqueueOwnerNotice(store, identity, now, input.approve ? "onboarding.approved" : "onboarding.rejected", {
        building: result.building,
        unit: result.unit,
      });
    }
    await store.outbox.enqueue({ id: newId(), createdAt: now, payload: { type: "staff.verification-card", team: "frontdesk", verificationId: request.id } });
    return result;
  });
  ctx.onOutboxWritten?.();
  return decided;
}
