import type { Actor } from "../../../case/case.js";
import type { CaseKind } from "../../../case/kind.js";
import { transitionCase } from "../../../case/machinery/changes.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { WorkflowError } from "../../../domain/errors.js";
import type { Store } from "../../../ports/store.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ServiceCase } from "../details.js";
import { workButtons } from "../owner-buttons.js";
import { alertServiceTeam, noticeServiceOwner, serviceStep, staffActor, voidOpenWorkOrders } from "../service-steps.js";
import { visitProposalButtons } from "./visit-buttons.js";
import { changeVisit, notStartedStatuses, requireVisit, visitStatuses } from "./visits.js";

export interface VisitInput extends StaffCaseInput {
  /** The visit's scheduled instant (ISO), as its card shows it. */
  visitAt: string;
}

/**
 * The leader proposes a new time for a visit the owner asked to move (or moves one of their own
 * accord); the owner confirms it or asks again. The visit keeps its time until confirmed.
 */
export async function proposeVisitTime(ctx: WorkflowContext, input: VisitInput & { at: Date }): Promise<ServiceCase> {
  return serviceStep(ctx, input, "propose_visit_time", async (scope) => {
    const { store, subject, kind, now } = scope;
    if (input.at.getTime() <= now.getTime()) throw new WorkflowError("time_in_past", `proposed ${input.at.toISOString()} is not after ${now.toISOString()}`);
    const order = await requireVisit(store, subject, input.visitAt, ["scheduled", "rescheduling", "proposed"]);
    const changed = await changeVisit(store, kind, subject, order, {
      action: "propose_visit_time",
      actor: staffActor(scope),
      at: now,
      status: "proposed",
      fields: { proposedAt: input.at },
      data: { proposedAt: input.at.toISOString() },
    });
    const params = { workOrder: order.number, visitAt: { instant: order.scheduledAt.toISOString() }, at: { instant: input.at.toISOString() } };
    await noticeServiceOwner(store, changed.subject, now, "service.visit_time_proposed", params, visitProposalButtons(subject.id, input.at));
    return changed.subject;
  });
}

/** The team starts a visit: only at a time the owner confirmed (a visit being moved cannot start). */
export async function startVisit(ctx: WorkflowContext, input: VisitInput): Promise<ServiceCase> {
  return serviceStep(ctx, input, "start_visit", async (scope) => {
    const { store, subject, kind, now } = scope;
    const order = await requireVisit(store, subject, input.visitAt, visitStatuses);
    if (order.status !== "scheduled") {
      throw new WorkflowError("invalid_transition", `visit ${order.number} is ${order.status}, not scheduled`, { number: order.number, action: "start_visit", status: order.status });
    }
    const changed = await changeVisit(store, kind, subject, order, { action: "start_visit", actor: staffActor(scope), at: now, status: "in_progress", fields: { startedAt: now } });
    await noticeServiceOwner(store, changed.subject, now, "service.visit_started", { workOrder: order.number });
    return changed.subject;
  });
}

/** The team finished a visit; the owner inspects it and accepts or reports a problem. */
export async function completeVisit(ctx: WorkflowContext, input: VisitInput): Promise<ServiceCase> {
  return serviceStep(ctx, input, "done_visit", async (scope) => {
    const { store, subject, kind, now } = scope;
    const order = await requireVisit(store, subject, input.visitAt, ["in_progress"]);
    const changed = await changeVisit(store, kind, subject, order, { action: "done_visit", actor: staffActor(scope), at: now, status: "done", fields: { completedAt: now, problemReport: null } });
    await noticeServiceOwner(store, changed.subject, now, "service.visit_done", { workOrder: order.number }, workButtons(subject.id, order.scheduledAt));
    return changed.subject;
  });
}

/**
 * Ends a package: no more visits are generated, and the visits not yet begun are cancelled. The
 * visits done in the month are still receipted at the month's close. Ended by the owner, the
 * team's leaders are told.
 */
export async function endPackageNow(scope: { store: Store; kind: CaseKind; subject: ServiceCase; now: Date; actor: Actor }): Promise<ServiceCase> {
  const { store, kind, subject, now, actor } = scope;
  const cancelled = await voidOpenWorkOrders(store, subject.id, now, notStartedStatuses);
  const updated = await transitionCase(store, kind, subject, {
    action: "end_package",
    actor,
    at: now,
    details: { endedAt: now },
    data: { cancelledWorkOrders: cancelled.map((order) => order.number) },
  });
  await noticeServiceOwner(store, updated, now, "service.package_ended", { cancelled: cancelled.length });
  if (actor.type === "owner") await alertServiceTeam(store, updated, now, "alerts.service_package_ended", { cancelled: cancelled.length });
  return updated;
}

/** The leader ends a package (the owner asked at the desk, the contract ended). */
export async function endPackage(ctx: WorkflowContext, input: StaffCaseInput): Promise<ServiceCase> {
  return serviceStep(ctx, input, "end_package", (scope) => endPackageNow({ ...scope, actor: staffActor(scope) }));
}
