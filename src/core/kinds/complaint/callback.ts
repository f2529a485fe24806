import type { CallbackPolicy } from "../../case/kind.js";
import { noticeOwner, transitionCase } from "../../case/machinery/changes.js";
import { callbackClockRules } from "../../case/callback-rules.js";
import type { OwnerButton } from "../../domain/outbox.js";
import type { ComplaintCase, ComplaintDetails } from "./details.js";
import { reopenComplaint } from "./handling.js";

/**
 * The callback (回访) of a resolved complaint: the front desk calls the owner within 2 days of
 * the resolution, the window every finished job has (PROCEDURES.md §1, 回访处理率达100%).
 */
export const complaintCallbackRules = callbackClockRules("complaint", {
  resolved: { source: "PROCEDURES.md §1-2: every finished case is called back; a resolved complaint within 2 days after its resolution", due: { days: 2 } },
});
export const complaintCallbackWindow = "complaint.callback.resolved";

/** Resolved / Not resolved under the resolution the owner is told. */
export function verdictButtons(complaint: Pick<ComplaintCase, "id">): OwnerButton[] {
  return [
    { kind: "complaint", action: "verdict.resolved", caseId: complaint.id },
    { kind: "complaint", action: "verdict.not_resolved", caseId: complaint.id },
  ];
}

/**
 * Reached and satisfied closes the complaint; reached and not satisfied reopens it like the
 * owner's own Not resolved. A complaint's calls are no emergency: they wait for working hours.
 */
export const complaintCallbackPolicy: CallbackPolicy<ComplaintDetails> = {
  urgent: () => false,
  async satisfied({ store, kind, subject, actor, at, data }) {
    const closed = await transitionCase(store, kind, subject, { action: "close", event: "callback_recorded", actor, at, header: { closedAt: at }, data });
    await noticeOwner(store, closed, at, "complaint.closed");
    return closed;
  },
  notSatisfied({ store, kind, subject, actor, at, data, timeZone }) {
    return reopenComplaint(store, kind, subject, { actor, at, event: "callback_recorded", data: { ...data, reason: "callback_not_resolved" }, timeZone });
  },
};
