import { type OwnerCaseInput, ownerActor, type OwnerCaseScope } from "../../../case/machinery/owner-case-action.js";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase, ServiceDetails } from "../details.js";
import { alertServiceTeam, noticeServiceOwner, ownerServiceStep } from "../service-steps.js";
import { ProblemWordsSchema, TimeWishSchema } from "../owner-words.js";
import { monthOf } from "./schedule.js";
import { endPackageNow } from "./staff-visit-steps.js";
import { changeVisit, requireVisit, visitInstant } from "./visits.js";

type Scope = OwnerCaseScope<ServiceDetails>;

/**
 * The owner cannot have the announced visit (or the time proposed for it) and says when they
 * can: the visit waits in `rescheduling` with the wish, and the team is alerted with it.
 */
export async function requestOtherVisitTime(ctx: WorkflowContext, input: OwnerCaseInput & { visitAt: string; wish: string }): Promise<ServiceCase> {
  const wish = parseInput(TimeWishSchema, input.wish);
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    const at = visitInstant(input.visitAt);
    const orders = await store.workOrders.listByCase(subject.id);
    // The button under an announcement names the visit's time; under a proposal, the time proposed.
    const proposed = orders.find((order) => order.status === "proposed" && order.proposedAt?.getTime() === at.getTime());
    const order = proposed ?? (await requireVisit(store, subject, at, ["scheduled", "rescheduling", "proposed"]));
    const changed = await changeVisit(store, kind, subject, order, {
      action: "request_other_visit_time",
      actor: ownerActor(subject),
      at: now,
      status: "rescheduling",
      fields: { ownerTimeRequest: wish, proposedAt: null },
      data: { wish },
    });
    const params = { workOrder: order.number, visitAt: { instant: order.scheduledAt.toISOString() }, wish };
    await noticeServiceOwner(store, changed.subject, now, "service.visit_other_time_noted", params);
    await alertServiceTeam(store, changed.subject, now, "alerts.service_visit_other_time", params);
    return changed.subject;
  });
}

/**
 * The owner confirms the time proposed for a visit, in the caller's owner step: the visit is
 * scheduled then (`time.confirm` of a package lands here, the visit named by the proposed time).
 */
export async function confirmProposedVisit({ store, subject, kind, now }: Scope, proposedAt: string | undefined, timeZone: string): Promise<ServiceCase> {
  if (proposedAt === undefined) throw new WorkflowError("expired", `no proposed visit time named for ${subject.number}`, { number: subject.number });
  const order = await requireVisit(store, subject, proposedAt, ["proposed"], "proposedAt");
  const at = visitInstant(proposedAt);
  if (at.getTime() <= now.getTime()) throw new WorkflowError("expired", `proposed visit time ${at.toISOString()} of ${subject.number} has passed`, { number: subject.number });
  const clash = (await store.workOrders.listByCase(subject.id)).find((other) => other.id !== order.id && other.scheduledAt.getTime() === at.getTime());
  if (clash) throw new WorkflowError("conflict", `visit ${clash.number} of ${subject.number} is at ${at.toISOString()} already`, { number: subject.number });
  const changed = await changeVisit(store, kind, subject, order, {
    action: "confirm_visit_time",
    actor: ownerActor(subject),
    at: now,
    status: "scheduled",
    fields: { scheduledAt: at, month: monthOf(at, timeZone), proposedAt: null, ownerTimeRequest: null },
    data: { scheduledAt: at.toISOString() },
  });
  const params = { workOrder: order.number, at: { instant: at.toISOString() } };
  await noticeServiceOwner(store, changed.subject, now, "service.visit_time_confirmed", params);
  await alertServiceTeam(store, changed.subject, now, "alerts.service_visit_time_confirmed", params);
  return changed.subject;
}

/** {@link confirmProposedVisit} as a use case of its own. */
export async function confirmVisitTime(ctx: WorkflowContext, input: OwnerCaseInput & { proposedAt: string }): Promise<ServiceCase> {
  return ownerServiceStep(ctx, input, (scope) => confirmProposedVisit(scope, input.proposedAt, ctx.timeZone));
}

/** The owner accepts a visit's work; it is paid for in the month's receipt at month end. */
export async function acceptVisit(ctx: WorkflowContext, input: OwnerCaseInput & { visitAt: string }): Promise<ServiceCase> {
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    const order = await requireVisit(store, subject, input.visitAt, ["done"]);
    const changed = await changeVisit(store, kind, subject, order, { action: "accept_visit", actor: ownerActor(subject), at: now, status: "accepted", fields: { acceptedAt: now } });
    return changed.subject;
  });
}

/** The owner reports a problem with a visit's work: it goes back to the team with their words. */
export async function reportVisitProblem(ctx: WorkflowContext, input: OwnerCaseInput & { visitAt: string; words: string }): Promise<ServiceCase> {
  const words = parseInput(ProblemWordsSchema, input.words);
  return ownerServiceStep(ctx, input, async ({ store, subject, kind, now }) => {
    const order = await requireVisit(store, subject, input.visitAt, ["done"]);
    const changed = await changeVisit(store, kind, subject, order, {
      action: "report_visit_problem",
      actor: ownerActor(subject),
      at: now,
      status: "in_progress",
      fields: { problemReport: words, completedAt: null },
      data: { words },
    });
    const params = { workOrder: order.number, words };
    await noticeServiceOwner(store, changed.subject, now, "service.visit_problem_noted", params);
    await alertServiceTeam(store, changed.subject, now, "alerts.service_visit_problem", params);
    return changed.subject;
  });
}

/** The owner ends their package: no more visits; the team is told. */
export async function endPackageByOwner(ctx: WorkflowContext, input: OwnerCaseInput): Promise<ServiceCase> {
  return ownerServiceStep(ctx, input, ({ store, subject, kind, now }) => endPackageNow({ store, kind, subject, now, actor: ownerActor(subject) }));
}
