import type { Case } from "../../case/case.js";
import { callbackPromptEffect } from "../../case/callback-rules.js";
import { type CaseKind, defineKind, type OwnerActionDefinition, type OwnerActionInput } from "../../case/kind.js";
import { canPerform } from "../../case/lifecycle.js";
import { promptCallback } from "../../case/machinery/callbacks.js";
import { serviceCallbackPolicy, serviceCallbackRules } from "./callback.js";
import { serviceCardActions } from "./card-actions.js";
import { type ServiceCase, type ServiceDetails, ServiceDetailsSchema } from "./details.js";
import { type ServiceAction, serviceFinalStatuses, serviceLifecycle } from "./lifecycle.js";
import { endPackageByOwner } from "./package/owner-visit-steps.js";
import { packageTasks } from "./package/tasks.js";
import { mayPerformService, servicePermissionHolders } from "./permissions.js";
import { voidOpenWorkOrders } from "./service-steps.js";
import { acceptWork } from "./use-cases/accept-work.js";
import { answerQuote } from "./use-cases/answer-quote.js";
import { cancelServiceByOwner } from "./use-cases/cancel-service-by-owner.js";
import { confirmServiceTime } from "./use-cases/confirm-service-time.js";

const whileStatus =
  (...statuses: string[]) =>
  (subject: Case): boolean =>
    statuses.includes(subject.status);

/**
 * A time button answers exactly the proposal it came with: a one-off's while it awaits the
 * owner's answer to that instant; a package visit's while the package runs (the use case checks
 * the visit's work order).
 */
function answersProposal(subject: Case, arg: string | undefined): boolean {
  const order = subject as ServiceCase;
  if (order.details.isPackage) return order.status === "active" && arg !== undefined;
  return order.status === "awaiting_confirmation" && arg !== undefined && order.details.appointmentAt?.toISOString() === arg;
}

/** Accept / Report a problem: a one-off's once it is done; a package visit's (with its instant) while the package runs. */
function inspects(subject: Case, arg: string | undefined): boolean {
  return arg === undefined ? subject.status === "done" : subject.status === "active" && (subject as ServiceCase).details.isPackage;
}

const beforeTheTeamSetsOff = (subject: Case): boolean => canPerform(serviceLifecycle, subject.status, "reschedule");

/** The case an owner's press is about, as the use cases take it. */
const pressed = (input: OwnerActionInput) => ({ ownerUserId: input.ownerUserId, caseId: input.caseId });

/** The owner's buttons of the contract (kind `service`), their two-letter codes stored in Telegram messages. */
const ownerActions: Record<string, OwnerActionDefinition> = {
  "quote.accept": {
    code: "qa",
    argument: null,
    labelKey: "service.actions.quote.accept",
    doneKey: "service.action_done.quote.accept",
    isCurrent: whileStatus("quoted"),
    perform: (ctx, input) => answerQuote(ctx, { ...pressed(input), answer: "accepted" }),
  },
  "quote.decline": {
    code: "qd",
    argument: null,
    labelKey: "service.actions.quote.decline",
    doneKey: "service.action_done.quote.decline",
    isCurrent: whileStatus("quoted"),
    perform: (ctx, input) => answerQuote(ctx, { ...pressed(input), answer: "declined" }),
  },
  "time.confirm": {
    code: "tc",
    argument: "instant",
    labelKey: "service.actions.time.confirm",
    doneKey: "service.action_done.time.confirm",
    isCurrent: answersProposal,
    perform: (ctx, input) => confirmServiceTime(ctx, { ...pressed(input), ...(input.arg ? { proposedAt: input.arg } : {}) }),
  },
  // The owner types the time they would rather have first: the owners' adapter asks, then calls requestOtherServiceTime.
  "time.other": {
    code: "to",
    argument: "instant",
    labelKey: "service.actions.time.other",
    doneKey: "service.action_done.time.other",
    isCurrent: answersProposal,
  },
  // A package visit announced the day before: the owner types a wish, then requestOtherVisitTime.
  "visit.other": {
    code: "vo",
    argument: "instant",
    labelKey: "service.actions.visit.other",
    doneKey: "service.action_done.visit.other",
    isCurrent: (subject, arg) => subject.status === "active" && arg !== undefined,
  },
  "work.accept": {
    code: "wa",
    argument: "instant",
    labelKey: "service.actions.work.accept",
    doneKey: "service.action_done.work.accept",
    isCurrent: inspects,
    perform: (ctx, input) => acceptWork(ctx, { ...pressed(input), ...(input.arg ? { visitAt: input.arg } : {}) }),
  },
  // The owner says what is wrong first: the owners' adapter asks, then calls reportServiceProblem.
  "work.problem": {
    code: "wp",
    argument: "instant",
    labelKey: "service.actions.work.problem",
    doneKey: "service.action_done.work.problem",
    isCurrent: inspects,
  },
  // The owner types the new wish first: the owners' adapter asks, then calls rescheduleService.
  "order.reschedule": {
    code: "or",
    argument: null,
    labelKey: "service.actions.order.reschedule",
    doneKey: "service.action_done.order.reschedule",
    isCurrent: beforeTheTeamSetsOff,
  },
  "order.cancel": {
    code: "oc",
    argument: null,
    labelKey: "service.actions.order.cancel",
    doneKey: "service.action_done.order.cancel",
    isCurrent: beforeTheTeamSetsOff,
    perform: (ctx, input) => cancelServiceByOwner(ctx, pressed(input)),
  },
  "package.end": {
    code: "pe",
    argument: null,
    labelKey: "service.actions.package.end",
    doneKey: "service.action_done.package.end",
    isCurrent: whileStatus("active"),
    perform: (ctx, input) => endPackageByOwner(ctx, pressed(input)),
  },
};

/** Paid home services (便民服务 / 有偿服务, PROCEDURES.md §4): cleaning and greening, one-off or monthly. */
export const serviceKind: CaseKind = defineKind<ServiceDetails>({
  id: "service",
  prefix: "S",
  details: ServiceDetailsSchema,
  lifecycle: serviceLifecycle,
  finalStatuses: serviceFinalStatuses,
  mayPerform: (staff, action, subject) => mayPerformService(staff, action as ServiceAction, subject),
  permissionHolders: (action) => servicePermissionHolders[action as ServiceAction] ?? [],
  cardActions: serviceCardActions,
  clockRules: serviceCallbackRules,
  dueEffects: { [callbackPromptEffect]: promptCallback },
  ownerActions,
  // Late-bound: the package tasks need the kind they belong to.
  tasks: packageTasks((): CaseKind => serviceKind),
  callback: serviceCallbackPolicy,
  // A cancelled order's work orders are void: the team does not come.
  afterCancel: async ({ store, subject, now }) => {
    await voidOpenWorkOrders(store, subject.id, now);
  },
});
