import { localDate } from "../domain/deadline.js";
import type { OwnerIdentity, Unit } from "../domain/registry.js";
import { isInWarranty, warrantyEnd } from "../domain/registry.js";
import type { Store } from "../ports/store.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

export interface OwnerUnit {
  unit: Unit;
  residentId: string;
  inWarranty: boolean;
  warrantyEnd: string;
}

export interface OwnerProfile {
  identity: OwnerIdentity;
  units: OwnerUnit[];
}

/**
 * Who this Telegram user is to the company: their verified units and each unit's warranty. The
 * identity is reported verified only while its phone still belongs to a resident of some unit.
 */
export async function getOwnerProfile(ctx: WorkflowContext, ownerUserId: string): Promise<OwnerProfile | null> {
  const today = localDate(ctx.time.now(), ctx.timeZone);
  return ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(ownerUserId);
    return identity ? profileOf(store, identity, today) : null;
  });
}

/**
 * The profile of an identity already read in the caller's transaction (`today` is the
 * property's local date, for the warranties): for use cases that need it beside their own work.
 */
export async function profileOf(store: Store, identity: OwnerIdentity, today: string): Promise<OwnerProfile> {
  const residents = identity.phone && identity.verified ? await store.residents.findByPhone(identity.phone) : [];
  const units: OwnerUnit[] = [];
  for (const resident of residents) {
    const unit = await store.units.findById(resident.unitId);
    if (unit) units.push({ unit, residentId: resident.id, inWarranty: isInWarranty(unit, today), warrantyEnd: warrantyEnd(unit) });
  }
  // Verification follows the residents: an owner a registry re-import removed is verified no more.
  return { identity: { ...identity, verified: identity.verified && units.length > 0 }, units };
}
