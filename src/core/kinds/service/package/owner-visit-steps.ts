import { z } from "zod";
import { noticeOwner } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor, ownerCaseAction, type OwnerCaseScope } from "../../../case/machinery/owner-case-action.js";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase, ServiceDetails } from "../details.js";
import { monthOf } from "./schedule.js";
import { endPackageNow } from "./staff-visit-steps.js";
import { alertLeaders, changeVisit, requireVisit, visitInstant } from "./visits.js";

/** The owner's words: a wish for another time, or what is wrong with the work. */
export const OwnerWordsSchema = z.string().trim().min(1).max(500);

function ownerPackageStep(ctx: WorkflowContext, input: OwnerCaseInput, apply: (scope: OwnerCaseScope<ServiceDetails>) => Promise<ServiceCase>): Promise<ServiceCase> {
  return ownerCaseAction<ServiceDetails>(ctx, input, apply, "service");
}

/**
 * The owner cannot have the announced visit (or the time proposed for it) and says when they
 * can: the visit waits in `rescheduling` with the wish, and the team's leaders are alerted.
 */
export async function requestOtherVisitTime(ctx: WorkflowContext, input: OwnerCaseInput & { visitAt: string; wish: string }): Promise<ServiceCase> {
  const wish = parseInput(OwnerWordsSchema, input.wish);
  return ownerPackageStep(ctx, input, async ({ store, subject, kind, now }) => {
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
    await noticeOwner(store, changed.subject, now, "service.visit_other_time_noted", params);
    await alertLeaders(store, changed.subject, now, "service.alerts.visit_other_time", params);
    return changed.subject;
  });
}

/** The owner confirms the time proposed for a visit: it is scheduled then. */
export async function confirmVisitTime(ctx: WorkflowContext, input: OwnerCaseInput & { proposedAt: string }): Promise<ServiceCase> {
  return ownerPackageStep(ctx, input, async ({ store, subject, kind, now }) => {
    const order = await requireVisit(store, subject, input.proposedAt, ["proposed"], "proposedAt");
    const at = visitInstant(input.proposedAt);
    const clash = (await store.workOrders.listByCase(subject.id)).find((other) => other.id !== order.id && other.scheduledAt.getTime() === at.getTime());
    if (clash) throw new WorkflowError("conflict", `visit ${clash.number} of ${subject.number} is at ${at.toISOString()} already`, { number: subject.number });
    const changed = await changeVisit(store, kind, subject, order, {
      action: "confirm_visit_time",
      actor: ownerActor(subject),
      at: now,
      status: "scheduled",
      fields: { scheduledAt: at, month: monthOf(at, ctx.timeZone), proposedAt: null, ownerTimeRequest: null },
      data: { scheduledAt: at.toISOString() },
    });
    await noticeOwner(store, changed.subject, now, "service.visit_time_confirmed", { workOrder: order.number, at: { instant: at.toISOString() } });
    return changed.subject;
  });
}

/** The owner accepts a visit's work; its fee is part of the month's receipt at month end. */
export async function acceptVisit(ctx: WorkflowContext, input: OwnerCaseInput & { visitAt: string }): Promise<ServiceCase> {
  return ownerPackageStep(ctx, input, async ({ store, subject, kind, now }) => {
    const order = await requireVisit(store, subject, input.visitAt, ["done"]);
    const changed = await changeVisit(store, kind, subject, order, { action: "accept_visit", actor: ownerActor(subject), at: now, status: "accepted", fields: { acceptedAt: now } });
    return changed.subject;
  });
}

/** The owner reports a problem with a visit's work: it goes back to the team with their words. */
export async function reportVisitProblem(ctx: WorkflowContext, input: OwnerCaseInput & { visitAt: string; words: string }): Promise<ServiceCase> {
  const words = parseInput(OwnerWordsSchema, input.words);
  return ownerPackageStep(ctx, input, async ({ store, subject, kind, now }) => {
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
    await noticeOwner(store, changed.subject, now, "service.visit_problem_noted", params);
    await alertLeaders(store, changed.subject, now, "service.alerts.visit_problem", params);
    return changed.subject;
  });
}

/** The owner ends their package: no more visits; the team's leaders are told. */
export async function endPackageByOwner(ctx: WorkflowContext, input: OwnerCaseInput): Promise<ServiceCase> {
  return ownerPackageStep(ctx, input, ({ store, subject, kind, now }) => endPackageNow({ store, kind, subject, now, actor: ownerActor(subject) }));
}
