import type { Ticket } from "../domain/ticket.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

/** An owner's own requests, newest first, for "my requests" in the bot. */
export async function listOwnerTickets(ctx: WorkflowContext, ownerUserId: string, limit = 10): Promise<Ticket[]> {
  return ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(ownerUserId);
    if (!identity?.phone || !identity.verified) return [];
    const residents = await store.residents.findByPhone(identity.phone);
    const tickets = (await Promise.all(residents.map((resident) => store.tickets.listByReporter(resident.id, limit)))).flat();
    return tickets.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).slice(0, limit);
  });
}
