import { z } from "zod";
import { alertTeam, noticeOwner, transitionCase } from "../../../case/machinery/changes.js";
import { mentionsFor } from "../../../case/machinery/escalation.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { parseInput, WorkflowError } from "../../../domain/errors.js";
import { type Team, TeamSchema } from "../../../domain/registry.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { ComplaintCase } from "../details.js";
import { complaintStep, forwardTo, staffActor } from "../handling.js";
import { complaintDepartments } from "./classify-complaint.js";

/** What staff write to the owner (an answer, a resolution, the reply to an invalid complaint). */
export const StaffWordsSchema = z.string().trim().min(2, "write what the owner is told").max(2000);

/** The manager (major) or the department head (service error) confirms they have the complaint. */
export async function acknowledgeComplaint(ctx: WorkflowContext, input: StaffCaseInput): Promise<ComplaintCase> {
  return complaintStep(ctx, input, "acknowledge", (scope) =>
    transitionCase(scope.store, scope.kind, scope.subject, {
      action: "acknowledge",
      actor: staffActor(scope),
      at: scope.now,
      details: { acknowledgedAt: scope.now },
      data: { by: scope.staff.name },
    }),
  );
}

/** The front desk sends the complaint to the responsible department, whose head is mentioned and becomes responsible. */
export async function routeComplaint(ctx: WorkflowContext, input: StaffCaseInput & { department: Team }): Promise<ComplaintCase> {
  const department = parseInput(TeamSchema, input.department);
  return complaintStep(ctx, input, "route", async (scope) => {
    if (!complaintDepartments.includes(department)) throw new WorkflowError("invalid_input", `${department} is not a department`, { field: "department" });
    const { assigneeId } = await forwardTo(scope.store, scope.subject, department, scope.now);
    return transitionCase(scope.store, scope.kind, scope.subject, {
      action: "route",
      actor: staffActor(scope),
      at: scope.now,
      header: { assigneeId },
      details: { department },
      data: { department },
    });
  });
}

/** The responsible person records that they contacted the owner first-hand. */
export async function recordOwnerContacted(ctx: WorkflowContext, input: StaffCaseInput): Promise<ComplaintCase> {
  return complaintStep(ctx, input, "contact_owner", (scope) =>
    transitionCase(scope.store, scope.kind, scope.subject, { action: "contact_owner", actor: staffActor(scope), at: scope.now, details: { contactedAt: scope.now } }),
  );
}

/** The answer reaches the owner in the words staff wrote, framed by the company in the owner's language. */
export async function sendComplaintAnswer(ctx: WorkflowContext, input: StaffCaseInput & { answer: string }): Promise<ComplaintCase> {
  const answer = parseInput(StaffWordsSchema, input.answer);
  return complaintStep(ctx, input, "send_answer", async (scope) => {
    const updated = await transitionCase(scope.store, scope.kind, scope.subject, {
      action: "send_answer",
      actor: staffActor(scope),
      at: scope.now,
      details: { answer, answeredAt: scope.now },
      data: { by: scope.staff.name },
    });
    await noticeOwner(scope.store, updated, scope.now, "complaint.answer", { answer });
    return updated;
  });
}

/** A very upset owner: the front desk leader takes the complaint over and is mentioned. */
export async function takeOverComplaint(ctx: WorkflowContext, input: StaffCaseInput): Promise<ComplaintCase> {
  return complaintStep(ctx, input, "supervisor_takeover", async (scope) => {
    const supervisor = (await scope.store.staff.listByTeam("frontdesk", "leader"))[0];
    if (!supervisor) throw new WorkflowError("assignee_not_in_team", `no front desk leader to take ${scope.subject.number} over`, { number: scope.subject.number });
    const updated = await transitionCase(scope.store, scope.kind, scope.subject, {
      action: "supervisor_takeover",
      actor: staffActor(scope),
      at: scope.now,
      header: { assigneeId: supervisor.id },
      data: { supervisor: supervisor.name },
    });
    await alertTeam(scope.store, {
      team: "frontdesk",
      key: "alerts.complaint_supervisor",
      params: { number: updated.number, by: scope.staff.name },
      mentions: await mentionsFor(scope.store, { team: "frontdesk", role: "leader" }),
      caseId: updated.id,
      at: scope.now,
    });
    return updated;
  });
}

/** Not a complaint the company can act on; the owner still gets a helpful reply (PROCEDURES.md §2). */
export async function markComplaintInvalid(ctx: WorkflowContext, input: StaffCaseInput & { reply: string }): Promise<ComplaintCase> {
  const reply = parseInput(StaffWordsSchema, input.reply);
  return complaintStep(ctx, input, "mark_invalid", async (scope) => {
    const updated = await transitionCase(scope.store, scope.kind, scope.subject, {
      action: "mark_invalid",
      actor: staffActor(scope),
      at: scope.now,
      header: { closedAt: scope.now },
      details: { invalidReply: reply },
      data: { by: scope.staff.name },
    });
    await noticeOwner(scope.store, updated, scope.now, "complaint.invalid", { reply });
    return updated;
  });
}
