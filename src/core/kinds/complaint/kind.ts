import { defineKind, type OwnerActionDefinition } from "../../case/kind.js";
import { callbackPromptEffect } from "../../case/callback-rules.js";
import { promptCallback } from "../../case/machinery/callbacks.js";
import type { Team } from "../../domain/registry.js";
import { complaintCallbackPolicy, complaintCallbackRules } from "./callback.js";
import { complaintClockRules } from "./clock-rules.js";
import { type ComplaintCase, ComplaintDetailsSchema, type ComplaintDetails } from "./details.js";
import type { Case } from "../../case/case.js";
import { complaintCardActions, complaintFinalStatuses, complaintLifecycle, type ComplaintAction } from "./lifecycle.js";
import { complaintPermissionHolders, complaintPermissionSubject, mayPerformComplaint } from "./permissions.js";
import { answerVerdict } from "./use-cases/answer-verdict.js";

/** Not resolved is heard while the complaint is resolved, also after a Resolved (the owner changed their mind before the callback). */
const whileResolved = (subject: Case): boolean => subject.status === "resolved";
/** Resolved is said once: a second press (a double tap) changes nothing. */
const untilResolvedSaid = (subject: Case): boolean => whileResolved(subject) && (subject as ComplaintCase).details.ownerVerdict === null;

const ownerActions: Record<string, OwnerActionDefinition> = {
  "verdict.resolved": {
    code: "vr",
    argument: null,
    labelKey: "actions.verdict.resolved",
    doneKey: "action_done.verdict.resolved",
    isCurrent: untilResolvedSaid,
    perform: (ctx, input) => answerVerdict(ctx, { ownerUserId: input.ownerUserId, caseId: input.caseId, verdict: "resolved" }),
  },
  "verdict.not_resolved": {
    code: "vn",
    argument: null,
    labelKey: "actions.verdict.not_resolved",
    doneKey: "action_done.verdict.not_resolved",
    isCurrent: whileResolved,
    perform: (ctx, input) => answerVerdict(ctx, { ownerUserId: input.ownerUserId, caseId: input.caseId, verdict: "not_resolved" }),
  },
};

/** Complaints (投诉, PROCEDURES.md §2): three tiers, each with its clocks, from the owner's chat to the manager. */
export const complaintKind = defineKind<ComplaintDetails>({
  id: "complaint",
  prefix: "C",
  details: ComplaintDetailsSchema,
  lifecycle: complaintLifecycle,
  finalStatuses: complaintFinalStatuses,
  mayPerform: (staff, action, subject) => mayPerformComplaint(staff, action as ComplaintAction, subject),
  permissionHolders: (action, subject) => complaintPermissionHolders(action as ComplaintAction, subject),
  permissionSubject: (_action, subject) => complaintPermissionSubject(subject),
  // The manager follows a major complaint in their channel; the department the one routed to it.
  cardCopies: (subject) => {
    const teams: Team[] = [];
    if (subject.details.tier === "major") teams.push("manager");
    if (subject.details.department) teams.push(subject.details.department);
    return teams;
  },
  cardActions: complaintCardActions,
  clockRules: { ...complaintClockRules, ...complaintCallbackRules },
  dueEffects: { [callbackPromptEffect]: promptCallback },
  ownerActions,
  tasks: {},
  callback: complaintCallbackPolicy,
});
