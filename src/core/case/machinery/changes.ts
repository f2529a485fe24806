import type { MessageParams, OwnerButton } from "../../domain/outbox.js";
import type { OwnerIdentity } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import { newId } from "../../ports/workflow-context.js";
import type { Actor, Case, CaseEvent, CaseHeader } from "../case.js";
import type { CaseKind } from "../kind.js";
import { nextStatus } from "../lifecycle.js";
import { stopClocks } from "./clocks.js";

/** What a change may set in the header besides the status: never the identity, kind, status or version. */
export type HeaderFields = Partial<Pick<CaseHeader, "assigneeId" | "team" | "linkedCaseId" | "closedAt" | "cancelReason">>;

export interface CaseChange<D> {
  action: string;
  actor: Actor;
  at: Date;
  /** The history event's type; the action's name when omitted. */
  event?: string;
  data?: Record<string, unknown>;
  header?: HeaderFields;
  details?: Partial<D>;
}

/**
 * The one way a case changes status: check the kind's lifecycle, apply the fields, bump the
 * version, write the history event, stop the clocks the action stops, and queue the refreshed
 * card, all in the caller's transaction.
 */
export async function transitionCase<D>(store: Store, kind: CaseKind, subject: Case<D>, change: CaseChange<D>): Promise<Case<D>> {
  const toStatus = nextStatus(kind.lifecycle, subject, change.action);
  const updated: Case<D> = {
    ...subject,
    ...change.header,
    details: { ...subject.details, ...change.details },
    status: toStatus,
    updatedAt: change.at,
    version: subject.version + 1,
  };
  await store.cases.update(updated);
  await recordEvent(store, updated, {
    type: change.event ?? change.action,
    actor: change.actor,
    at: change.at,
    fromStatus: subject.status,
    data: change.data ?? {},
  });
  const stopped = Object.entries(kind.clockRules)
    .filter(([, rule]) => rule.stopOn.includes(change.action))
    .map(([id]) => id);
  if (stopped.length > 0) await stopClocks(store, subject.id, change.at, stopped);
  await refreshCard(store, kind, updated, change.at);
  return updated;
}

/** A history row for a change that keeps the status (an owner's answer, a callback attempt). */
export async function recordEvent(
  store: Store,
  subject: CaseHeader,
  event: { type: string; actor: Actor; at: Date; fromStatus?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  const row: CaseEvent = {
    id: newId(),
    caseId: subject.id,
    at: event.at,
    actor: event.actor,
    type: event.type,
    fromStatus: event.fromStatus === undefined ? subject.status : event.fromStatus,
    toStatus: subject.status,
    data: event.data ?? {},
  };
  await store.cases.appendEvent(row);
}

/**
 * Queues the case's card for its team's channel, and its copies for the other channels the kind
 * shows it in now (a major complaint's in the manager's); the sender draws the state at delivery time.
 */
export async function refreshCard<D>(store: Store, kind: CaseKind, subject: Case<D>, at: Date): Promise<void> {
  await store.outbox.enqueue({ id: newId(), createdAt: at, payload: { type: "staff.case-card", team: subject.team, caseId: subject.id } });
  for (const team of kind.cardCopies?.(subject) ?? []) {
    if (team === subject.team) continue;
    await store.outbox.enqueue({ id: newId(), createdAt: at, payload: { type: "staff.case-card", team, caseId: subject.id, copy: true } });
  }
}

/** Saves a case whose status does not change (an owner's answer) with the version check. */
export async function touchCase<D>(store: Store, subject: Case<D>, at: Date, details: Partial<D> = {}): Promise<Case<D>> {
  const updated: Case<D> = { ...subject, details: { ...subject.details, ...details }, updatedAt: at, version: subject.version + 1 };
  await store.cases.update(updated);
  return updated;
}

/**
 * Tells the reporting owner, in their own language, if they reported through the owners'
 * messaging platform. `key` is relative to the owner namespace; the case number is always a parameter.
 */
export async function noticeOwner(
  store: Store,
  subject: CaseHeader,
  at: Date,
  key: string,
  params: MessageParams = {},
  buttons: OwnerButton[] = [],
): Promise<void> {
  if (!subject.reporterUserId) return;
  const identity = await store.identities.find(subject.reporterUserId);
  if (!identity) return;
  await enqueueOwnerNotice(store, identity, at, key, { number: subject.number, ...params }, buttons);
}

export async function enqueueOwnerNotice(
  store: Store,
  identity: Pick<OwnerIdentity, "chatId" | "locale">,
  at: Date,
  key: string,
  params: MessageParams = {},
  buttons: OwnerButton[] = [],
): Promise<void> {
  await store.outbox.enqueue({
    id: newId(),
    createdAt: at,
    payload: { type: "owner.notice", chatId: identity.chatId, locale: identity.locale, key, params, buttons },
  });
}

/** An alert in a team's channel about a case, with the people to @mention. */
export async function alertTeam(
  store: Store,
  input: { team: CaseHeader["team"]; key: string; params: MessageParams; mentions: string[]; caseId: string | null; at: Date },
): Promise<void> {
  await store.outbox.enqueue({
    id: newId(),
    createdAt: input.at,
    payload: { type: "staff.alert", team: input.team, key: input.key, params: input.params, mentions: input.mentions, caseId: input.caseId },
  });
}
