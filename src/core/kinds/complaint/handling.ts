import type { Actor } from "../../case/case.js";
import type { CaseKind } from "../../case/kind.js";
import { alertTeam, noticeOwner, transitionCase } from "../../case/machinery/changes.js";
import { startClock } from "../../case/machinery/clocks.js";
import { mentionsFor } from "../../case/machinery/escalation.js";
import { type StaffCaseInput, type StaffCaseScope, staffCaseAction } from "../../case/machinery/staff-case-action.js";
import type { Team } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import type { WorkflowContext } from "../../ports/workflow-context.js";
import { tierClocks } from "./clock-rules.js";
import type { ComplaintCase, ComplaintDetails } from "./details.js";
import type { ComplaintAction } from "./lifecycle.js";

/** A staff step on a complaint: the shared checks (staff, right, lifecycle) in one transaction. */
export function complaintStep(
  ctx: WorkflowContext,
  input: StaffCaseInput,
  action: ComplaintAction,
  apply: (scope: StaffCaseScope<ComplaintDetails>) => Promise<ComplaintCase>,
): Promise<ComplaintCase> {
  return staffCaseAction<ComplaintDetails>(ctx, input, action, apply, "complaint");
}

export function staffActor(scope: Pick<StaffCaseScope<unknown>, "staff">): Actor {
  return { type: "staff", id: scope.staff.id };
}

/**
 * Sends the complaint to `department` (PROCEDURES.md §2: route immediately to the responsible
 * department): its head becomes the responsible person and is mentioned in the department's
 * channel, which shows the card from now on. Part of the caller's transition, in its transaction.
 */
export async function forwardTo(store: Store, complaint: ComplaintCase, department: Team, at: Date): Promise<{ assigneeId: string | null }> {
  const heads = await store.staff.listByTeam(department, "leader");
  await alertTeam(store, {
    team: department,
    key: complaint.details.tier === "service_error" ? "alerts.complaint_forwarded_service_error" : "alerts.complaint_forwarded",
    params: { number: complaint.number },
    mentions: heads.length > 0 ? heads.map((head) => head.staffUserId) : await mentionsFor(store, { team: "manager", role: "manager" }),
    caseId: complaint.id,
    at,
  });
  return { assigneeId: heads[0]?.id ?? complaint.assigneeId };
}

/** The resolution clock of the complaint's tier, due by its `resolveBy` (computed when classified). */
export async function startResolutionClock(store: Store, kind: CaseKind, complaint: ComplaintCase, timeZone: string): Promise<void> {
  const { tier, resolveBy } = complaint.details;
  if (!tier || !resolveBy) return;
  await startClock(store, kind, { caseId: complaint.id, rule: tierClocks[tier].resolve, anchor: complaint.createdAt, timeZone, dueAt: resolveBy });
}

/**
 * The owner (or the callback) says the complaint is not resolved: it is open again, its
 * resolution clock runs again to the tier's deadline (at once overdue when that has passed), the
 * responsible person's team leader is alerted, and the owner is told it continues.
 */
export async function reopenComplaint(
  store: Store,
  kind: CaseKind,
  complaint: ComplaintCase,
  change: { actor: Actor; at: Date; event: string; data: Record<string, unknown>; timeZone: string; details?: Partial<ComplaintDetails> },
): Promise<ComplaintCase> {
  const reopened = await transitionCase(store, kind, complaint, {
    action: "reopen",
    event: change.event,
    actor: change.actor,
    at: change.at,
    details: { resolvedAt: null, ...change.details },
    data: change.data,
  });
  await startResolutionClock(store, kind, reopened, change.timeZone);
  const assignee = reopened.assigneeId ? await store.staff.findById(reopened.assigneeId) : null;
  const team = assignee?.team ?? reopened.details.department ?? "frontdesk";
  await alertTeam(store, {
    team,
    key: "alerts.complaint_not_resolved",
    params: { number: reopened.number },
    mentions: await mentionsFor(store, { team, role: "leader" }),
    caseId: reopened.id,
    at: change.at,
  });
  await noticeOwner(store, reopened, change.at, "complaint.reopened");
  return reopened;
}
