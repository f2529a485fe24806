import type { Callback } from "../domain/callback.js";
import type { Clock } from "../domain/clock.js";
import { availableActions, type TicketAction } from "../domain/lifecycle.js";
import type { Resident, StaffMember, Unit } from "../domain/registry.js";
import type { Ticket, TicketEvent } from "../domain/ticket.js";
import type { Store } from "../ports/store.js";

/** Everything a dispatch card or callback prompt shows, read in one transaction. */
export interface TicketView {
  ticket: Ticket;
  unit: Unit | null;
  reporter: Resident | null;
  assignee: StaffMember | null;
  /** Running clocks, soonest due first. */
  clocks: Clock[];
  callback: Callback | null;
  recentEvents: TicketEvent[];
  /** Staff names by id, for rendering event actors. */
  staffNames: Record<string, string>;
  actions: TicketAction[];
}

export async function getTicketView(store: Store, ticketId: string, options: { events?: number; callbackId?: string } = {}): Promise<TicketView | null> {
  const ticket = await store.tickets.findById(ticketId);
  if (!ticket) return null;
  const [unit, reporter, assignee, clocks, recentEvents] = await Promise.all([
    store.units.findById(ticket.unitId),
    store.residents.findById(ticket.reporterId),
    ticket.assigneeId ? store.staff.findById(ticket.assigneeId) : Promise.resolve(null),
    store.clocks.listRunning(ticket.id),
    store.tickets.listEvents(ticket.id, options.events ?? 5),
  ]);
  const callback = options.callbackId ? await store.callbacks.findById(options.callbackId) : await store.callbacks.findOpenByTicket(ticket.id);
  const staffNames: Record<string, string> = {};
  for (const event of recentEvents) {
    if (event.actor.type === "staff" && !(event.actor.id in staffNames)) {
      const member = await store.staff.findById(event.actor.id);
      if (member) staffNames[member.id] = member.name;
    }
  }
  return {
    ticket,
    unit,
    reporter,
    assignee,
    clocks: [...clocks].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()),
    callback,
    recentEvents,
    staffNames,
    actions: availableActions(ticket),
  };
}
