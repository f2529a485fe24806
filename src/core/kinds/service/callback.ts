import { callbackClockRules, callbackRuleIds } from "../../case/callback-rules.js";
import type { CallbackOutcomeInput, CallbackPolicy } from "../../case/kind.js";
import { recordEvent, touchCase, transitionCase } from "../../case/machinery/changes.js";
import { stopClocks } from "../../case/machinery/clocks.js";
import type { ServiceCase, ServiceDetails } from "./details.js";
import { alertServiceTeam, currentWorkOrder, noticeServiceOwner, updateWorkOrder } from "./service-steps.js";

/** The actions that end a service order's callback: closed, or back to the team. */
const callbackEndsOn = ["close", "rework"] as const;

/**
 * The callback (回访) of a service (PROCEDURES.md §4: a finished order returns to the front desk
 * at once and is followed by a callback), with the repairs' timing: asked the next working day
 * after the owner's acceptance, due 2 days after it. A package's callback is the month's, opened
 * when the month is closed and receipted.
 */
export const serviceCallbackRules = callbackClockRules(
  "service",
  {
    accepted: { source: "PROCEDURES.md §1 and §4: every finished order is called back; a service within 2 days after the owner accepted the work", due: { days: 2 } },
    month: { source: "PROCEDURES.md §4: a package's month of visits is called back within 2 days after the month is closed and receipted", due: { days: 2 } },
  },
  { stopOn: callbackEndsOn },
);

/** The window rule of each callback a service order gets. */
export const serviceCallbackWindows = { accepted: "service.callback.accepted", month: "service.callback.month" } as const;

/** A package's callback leaves the package running: recorded, its clocks stopped, nothing else changes. */
async function recordPackageCallback({ store, kind, subject, actor, at, data }: CallbackOutcomeInput<ServiceDetails>): Promise<ServiceCase> {
  const touched = await touchCase(store, subject, at);
  await recordEvent(store, touched, { type: "callback_recorded", actor, at, data });
  await stopClocks(store, subject.id, at, callbackRuleIds(kind));
  return touched;
}

/**
 * Reached and satisfied closes a one-off order; not satisfied sends it back to the team to put
 * right (整改), its work order in progress again, the team alerted and the owner told. A
 * package's month callback keeps the package active either way; not satisfied alerts the team.
 * A service's calls are no emergency: they wait for working hours.
 */
export const serviceCallbackPolicy: CallbackPolicy<ServiceDetails> = {
  urgent: () => false,
  async satisfied(input) {
    const { store, kind, subject, actor, at, data } = input;
    if (subject.details.isPackage) return recordPackageCallback(input);
    const closed = await transitionCase(store, kind, subject, { action: "close", event: "callback_recorded", actor, at, header: { closedAt: at }, data });
    await noticeServiceOwner(store, closed, at, "service.closed");
    return closed;
  },
  async notSatisfied(input) {
    const { store, kind, subject, actor, at, data } = input;
    if (subject.details.isPackage) {
      const recorded = await recordPackageCallback(input);
      await alertServiceTeam(store, recorded, at, "alerts.service_callback_not_satisfied");
      return recorded;
    }
    const order = await currentWorkOrder(store, subject.id);
    if (order) await updateWorkOrder(store, order, at, { status: "in_progress", completedAt: null, acceptedAt: null });
    const reopened = await transitionCase(store, kind, subject, {
      action: "rework",
      event: "callback_recorded",
      actor,
      at,
      details: { completedAt: null },
      data: { ...data, reason: "callback_not_satisfied" },
    });
    await alertServiceTeam(store, reopened, at, "alerts.service_callback_not_satisfied");
    await noticeServiceOwner(store, reopened, at, "service.reopened");
    return reopened;
  },
};
