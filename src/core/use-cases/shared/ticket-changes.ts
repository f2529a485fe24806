import type { OwnerAction, MessageParams } from "../../domain/outbox.js";
import type { TicketAction } from "../../domain/lifecycle.js";
import { nextStatus } from "../../domain/lifecycle.js";
import type { Actor, Ticket, TicketEvent } from "../../domain/ticket.js";
import type { OwnerIdentity } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";

/** What a change may set besides the status: never the identity, status or version. */
export type TicketFields = Partial<Omit<Ticket, "id" | "number" | "status" | "version" | "createdAt" | "updatedAt">>;

/**
 * The one way a ticket changes status: check the lifecycle, apply the extra fields, bump the
 * version, write the history event, and queue the refreshed dispatch card.
 */
export async function transitionTicket(
  store: Store,
  ticket: Ticket,
  change: { action: TicketAction; actor: Actor; at: Date; event?: string; data?: Record<string, unknown>; fields?: TicketFields },
): Promise<Ticket> {
  const toStatus = nextStatus(ticket, change.action);
  const updated: Ticket = {
    ...ticket,
    ...change.fields,
    status: toStatus,
    updatedAt: change.at,
    version: ticket.version + 1,
  };
  await store.tickets.update(updated);
  await recordEvent(store, updated, {
    type: change.event ?? change.action,
    actor: change.actor,
    at: change.at,
    fromStatus: ticket.status,
    data: change.data ?? {},
  });
  await refreshCard(store, updated, change.at);
  return updated;
}

/** A history row for a change that keeps the status (an owner's answer, a callback attempt). */
export async function recordEvent(
  store: Store,
  ticket: Ticket,
  event: { type: string; actor: Actor; at: Date; fromStatus?: Ticket["status"] | null; data?: Record<string, unknown> },
): Promise<void> {
  const row: TicketEvent = {
    id: newId(),
    ticketId: ticket.id,
    at: event.at,
    actor: event.actor,
    type: event.type,
    fromStatus: event.fromStatus === undefined ? ticket.status : event.fromStatus,
    toStatus: ticket.status,
    data: event.data ?? {},
  };
  await store.tickets.appendEvent(row);
}

export async function refreshCard(store: Store, ticket: Ticket, at: Date): Promise<void> {
  await store.outbox.enqueue({ id: newId(), createdAt: at, payload: { type: "staff.ticket-card", team: ticket.team, ticketId: ticket.id } });
}

/** Tells the reporting owner, in their own language, if they reported through Telegram. */
export async function noticeOwner(
  store: Store,
  ticket: Ticket,
  at: Date,
  key: string,
  params: MessageParams = {},
  actions: OwnerAction[] = [],
): Promise<void> {
  if (!ticket.reporterUserId) return;
  const identity = await store.identities.find(ticket.reporterUserId);
  if (!identity) return;
  await enqueueOwnerNotice(store, identity, at, key, { number: ticket.number, ...params }, actions);
}

export async function enqueueOwnerNotice(
  store: Store,
  identity: Pick<OwnerIdentity, "chatId" | "locale">,
  at: Date,
  key: string,
  params: MessageParams = {},
  actions: OwnerAction[] = [],
): Promise<void> {
  await store.outbox.enqueue({
    id: newId(),
    createdAt: at,
    payload: { type: "owner.notice", chatId: identity.chatId, locale: identity.locale, key, params, actions },
  });
}

/** Saves a ticket whose status does not change (an owner's answer) with the version check. */
export async function touchTicket(store: Store, ticket: Ticket, at: Date, fields: TicketFields): Promise<Ticket> {
  const updated: Ticket = { ...ticket, ...fields, updatedAt: at, version: ticket.version + 1 };
  await store.tickets.update(updated);
  return updated;
}
