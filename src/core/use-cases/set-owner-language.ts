import { WorkflowError } from "../domain/errors.js";
import type { Locale, OwnerIdentity } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

/** `/language`: every message queued for this owner from now on uses the new language. */
export async function setOwnerLanguage(ctx: WorkflowContext, input: { ownerUserId: string; locale: Locale }): Promise<OwnerIdentity> {
  return ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(input.ownerUserId);
    if (!identity) throw new WorkflowError("not_found", `owner ${input.ownerUserId} unknown`);
    const updated = { ...identity, locale: input.locale };
    await store.identities.save(updated);
    return updated;
  });
}
