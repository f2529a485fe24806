import { WorkflowError } from "../domain/errors.js";
import { normalisePhone } from "../domain/registry.js";
import type { OwnerIdentity } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

export interface ShareContactInput {
  ownerUserId: string;
  /** `contact.user_id` of the shared contact; Telegram sets it to the sender for their own card. */
  contactUserId: string | undefined;
  phone: string;
}

export type ShareContactResult = { status: "verified"; identity: OwnerIdentity } | { status: "needs_unit"; identity: OwnerIdentity };

/**
 * The owner shares their phone with the contact button. Only their own contact counts (anyone
 * can forward someone else's card); a phone found among the residents verifies them at once, and
 * one no longer found un-verifies them: verification follows the residents, so an owner a registry
 * re-import removed is asked for their unit again like anyone new.
 */
export async function shareContact(ctx: WorkflowContext, input: ShareContactInput): Promise<ShareContactResult> {
  if (input.contactUserId !== input.ownerUserId) {
    throw new WorkflowError("contact_not_own", `contact of ${input.contactUserId ?? "nobody"} shared by ${input.ownerUserId}`);
  }
  const phone = normalisePhone(input.phone);
  if (!phone) throw new WorkflowError("invalid_input", "shared contact has no phone number");
  return ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(input.ownerUserId);
    if (!identity) throw new WorkflowError("not_found", `owner ${input.ownerUserId} unknown`);
    const residents = await store.residents.findByPhone(phone);
    const updated: OwnerIdentity = { ...identity, phone, verified: residents.length > 0 };
    await store.identities.save(updated);
    return { status: updated.verified ? "verified" : "needs_unit", identity: updated };
  });
}
