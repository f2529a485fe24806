import type { Actor } from "../../case/case.js";
import type { CaseKind } from "../../case/kind.js";
import { alertTeam, type CaseChange, enqueueOwnerNotice, transitionCase } from "../../case/machinery/changes.js";
import { type OwnerCaseInput, type OwnerCaseScope, ownerCaseAction } from "../../case/machinery/owner-case-action.js";
import { type StaffCaseInput, type StaffCaseScope, staffCaseAction } from "../../case/machinery/staff-case-action.js";
import { localDate } from "../../domain/deadline.js";
import type { MessageParams, OwnerButton } from "../../domain/outbox.js";
import type { Locale } from "../../domain/registry.js";
import { workOrderNumber, type WorkOrder, type WorkOrderStatus } from "../../domain/work-orders.js";
import type { Store } from "../../ports/store.js";
import { newId, type WorkflowContext } from "../../ports/workflow-context.js";
import type { ServiceCase, ServiceDetails } from "./details.js";
import type { ServiceAction } from "./lifecycle.js";

/** A staff step on a service order: the shared checks (staff, right, lifecycle) in one transaction. */
export function serviceStep(
  ctx: WorkflowContext,
  input: StaffCaseInput,
  action: ServiceAction,
  apply: (scope: StaffCaseScope<ServiceDetails>) => Promise<ServiceCase>,
): Promise<ServiceCase> {
  return staffCaseAction<ServiceDetails>(ctx, input, action, apply, "service");
}

/** An owner's answer on one of their service orders, in one transaction. */
export function ownerServiceStep(ctx: WorkflowContext, input: OwnerCaseInput, apply: (scope: OwnerCaseScope<ServiceDetails>) => Promise<ServiceCase>): Promise<ServiceCase> {
  return ownerCaseAction<ServiceDetails>(ctx, input, apply, "service");
}

export function staffActor(scope: Pick<StaffCaseScope<unknown>, "staff">): Actor {
  return { type: "staff", id: scope.staff.id };
}

/**
 * Tells the ordering owner, in their language, about their service order: the order number and
 * the booked item's name from the price standard (`item`) are always parameters; `params` may
 * depend on the owner's language (a quote's lines). Nothing is sent to an owner not on the bot.
 */
export async function noticeServiceOwner(
  store: Store,
  order: ServiceCase,
  at: Date,
  key: string,
  params: MessageParams | ((locale: Locale) => MessageParams) = {},
  buttons: OwnerButton[] = [],
): Promise<void> {
  if (!order.reporterUserId) return;
  const identity = await store.identities.find(order.reporterUserId);
  if (!identity) return;
  const item = await itemName(store, order.details.priceCode, identity.locale);
  const own = typeof params === "function" ? params(identity.locale) : params;
  await enqueueOwnerNotice(store, identity, at, key, { number: order.number, item, ...own }, buttons);
}

async function itemName(store: Store, code: string, locale: Locale): Promise<string> {
  const item = await store.prices.findByCode(code);
  if (!item) return code;
  return locale === "zh-CN" ? item.nameZh : item.nameEn;
}

/** An alert in the serving team's channel, mentioning its leaders and the assignee. */
export async function alertServiceTeam(store: Store, order: ServiceCase, at: Date, key: string, params: MessageParams = {}): Promise<void> {
  const leaders = await store.staff.listByTeam(order.team, "leader");
  const mentions = leaders.map((member) => member.staffUserId);
  const assignee = order.assigneeId ? await store.staff.findById(order.assigneeId) : null;
  if (assignee && !mentions.includes(assignee.staffUserId)) mentions.push(assignee.staffUserId);
  await alertTeam(store, { team: order.team, key, params: { number: order.number, ...params }, mentions, caseId: order.id, at });
}

/** Work orders that still stand: not cancelled. */
const voidable: readonly WorkOrderStatus[] = ["scheduled", "rescheduling", "proposed", "in_progress"];

/** The one-off order's current work order: its latest that is not cancelled, if any. */
export async function currentWorkOrder(store: Store, caseId: string): Promise<WorkOrder | null> {
  const orders = await store.workOrders.listByCase(caseId);
  return orders.filter((order) => order.status !== "cancelled").at(-1) ?? null;
}

/**
 * Voids the order's work orders not yet done (a reschedule, a cancellation): the team does not
 * come. `statuses` narrows which (an ended package keeps the visit the team is at).
 */
export async function voidOpenWorkOrders(store: Store, caseId: string, at: Date, statuses: readonly WorkOrderStatus[] = voidable): Promise<WorkOrder[]> {
  const voided: WorkOrder[] = [];
  for (const order of await store.workOrders.listByCase(caseId)) {
    if (!statuses.includes(order.status)) continue;
    const cancelled: WorkOrder = { ...order, status: "cancelled", updatedAt: at };
    await store.workOrders.save(cancelled);
    voided.push(cancelled);
  }
  return voided;
}

/** A new work order of `order` for the visit at `scheduledAt`, the `sequence`-th of its register. */
export function newWorkOrder(order: ServiceCase, sequence: number, scheduledAt: Date, now: Date, timeZone: string): WorkOrder {
  return {
    id: newId(),
    caseId: order.id,
    number: workOrderNumber(order.number, sequence),
    sequence,
    scheduledAt,
    month: localDate(scheduledAt, timeZone).slice(0, 7),
    status: "scheduled",
    proposedAt: null,
    ownerTimeRequest: null,
    problemReport: null,
    startedAt: null,
    completedAt: null,
    acceptedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Opens the work order (派工单) of a confirmed time, numbered on from the order's previous ones
 * (`S-2026-000123-01`, `-02` after a reschedule). A time confirmed again after it was voided
 * reopens the voided work order of that time instead of a second one.
 */
export async function openWorkOrder(store: Store, order: ServiceCase, scheduledAt: Date, now: Date, timeZone: string): Promise<WorkOrder> {
  const opened = newWorkOrder(order, (await store.workOrders.maxSequence(order.id)) + 1, scheduledAt, now, timeZone);
  if (await store.workOrders.createOnce(opened)) return opened;
  const existing = (await store.workOrders.listByCase(order.id)).find((candidate) => candidate.scheduledAt.getTime() === scheduledAt.getTime());
  if (!existing) throw new Error(`work order of ${order.number} at ${scheduledAt.toISOString()} was neither created nor found`);
  if (existing.status !== "cancelled") return existing;
  const reopened: WorkOrder = { ...existing, status: "scheduled", updatedAt: now };
  await store.workOrders.save(reopened);
  return reopened;
}

/** Saves a work order with its changed fields. */
export async function updateWorkOrder(store: Store, order: WorkOrder, at: Date, change: Partial<WorkOrder>): Promise<WorkOrder> {
  const updated: WorkOrder = { ...order, ...change, updatedAt: at };
  await store.workOrders.save(updated);
  return updated;
}

/**
 * A step of a one-off order and of its current work order together (started, done, accepted,
 * back to the team): the work order takes `visit`, the order's history names it.
 */
export async function transitionWithWorkOrder(
  store: Store,
  kind: CaseKind,
  subject: ServiceCase,
  change: CaseChange<ServiceDetails>,
  visit: Partial<WorkOrder>,
): Promise<{ updated: ServiceCase; workOrder: WorkOrder | null }> {
  const current = await currentWorkOrder(store, subject.id);
  const workOrder = current ? await updateWorkOrder(store, current, change.at, visit) : null;
  const updated = await transitionCase(store, kind, subject, { ...change, data: { ...change.data, workOrder: workOrder?.number ?? null } });
  return { updated, workOrder };
}
