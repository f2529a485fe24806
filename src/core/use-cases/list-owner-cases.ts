import type { Case } from "../case/case.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

/** An owner's own requests of every kind, newest first, for "my requests" in the bot. */
export async function listOwnerCases(ctx: WorkflowContext, ownerUserId: string, limit = 10): Promise<Case[]> {
  return ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(ownerUserId);
    if (!identity?.phone || !identity.verified) return [];
    const residents = await store.residents.findByPhone(identity.phone);
    const cases = (await Promise.all(residents.map((resident) => store.cases.listByReporter(resident.id, limit)))).flat();
    return cases.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, limit);
  });
}
