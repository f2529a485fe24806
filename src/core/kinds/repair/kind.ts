import { canPerform } from "../../case/lifecycle.js";
import { defineKind, type OwnerActionDefinition } from "../../case/kind.js";
import type { Case } from "../../case/case.js";
import { callbackPromptEffect } from "../../case/callback-rules.js";
import { promptCallback } from "../../case/machinery/callbacks.js";
import { repairCallbackPolicy } from "./callback-policy.js";
import { openCancellationCallback } from "./callbacks.js";
import { repairClockRules } from "./clock-rules.js";
import { RepairDetailsSchema, type RepairCase } from "./details.js";
import { alertUnansweredProposal, remindOwnerOfProposal } from "./proposal-clocks.js";
import { repairCardActions, repairFinalStatuses, repairLifecycle, type RepairAction } from "./lifecycle.js";
import { mayPerformRepair, repairPermissionHolders } from "./permissions.js";
import { answerFixed } from "./use-cases/answer-fixed.js";
import { confirmAppointment } from "./use-cases/confirm-appointment.js";

/** A proposal button is current while the repair awaits an answer to exactly that instant. */
function answersCurrentProposal(action: RepairAction) {
  return (subject: Case, arg: string | undefined): boolean => {
    const ticket = subject as RepairCase;
    return canPerform(repairLifecycle, ticket.status, action) && arg !== undefined && ticket.details.appointmentAt?.toISOString() === arg;
  };
}

/** Fixed? is asked when the work is done: the same window as reopening. */
const whileDone = (subject: Case): boolean => canPerform(repairLifecycle, subject.status, "reopen");

const ownerActions: Record<string, OwnerActionDefinition> = {
  "appointment.confirm": {
    code: "ac",
    argument: "instant",
    labelKey: "actions.appointment.confirm",
    doneKey: "action_done.appointment.confirm",
    isCurrent: answersCurrentProposal("confirm_time"),
    perform: (ctx, input) => confirmAppointment(ctx, { ownerUserId: input.ownerUserId, caseId: input.caseId, ...(input.arg ? { proposedAt: input.arg } : {}) }),
  },
  // The owner is asked for another time first: the owners' adapter continues in a conversation.
  "appointment.other": {
    code: "ao",
    argument: "instant",
    labelKey: "actions.appointment.other",
    doneKey: "action_done.appointment.other",
    isCurrent: answersCurrentProposal("request_other_time"),
  },
  "fixed.yes": {
    code: "fy",
    argument: null,
    labelKey: "actions.fixed.yes",
    doneKey: "action_done.fixed.yes",
    isCurrent: whileDone,
    perform: (ctx, input) => answerFixed(ctx, { ownerUserId: input.ownerUserId, caseId: input.caseId, answer: "yes" }),
  },
  "fixed.no": {
    code: "fn",
    argument: null,
    labelKey: "actions.fixed.no",
    doneKey: "action_done.fixed.no",
    isCurrent: whileDone,
    perform: (ctx, input) => answerFixed(ctx, { ownerUserId: input.ownerUserId, caseId: input.caseId, answer: "no" }),
  },
};

/** Repairs (报修, PROCEDURES.md §1): the first kind of request. */
export const repairKind = defineKind<RepairCase["details"]>({
  id: "repair",
  prefix: "R",
  details: RepairDetailsSchema,
  lifecycle: repairLifecycle,
  finalStatuses: repairFinalStatuses,
  mayPerform: (staff, action, subject) => mayPerformRepair(staff, action as RepairAction, subject),
  permissionHolders: (action) => repairPermissionHolders[action as RepairAction] ?? [],
  // Correcting the category or the billing is no transition, but the card offers it until the end.
  cardActions: (subject) => [...repairCardActions(subject), ...(repairFinalStatuses.includes(subject.status as never) ? [] : ["correct"])],
  clockRules: repairClockRules,
  dueEffects: {
    [callbackPromptEffect]: promptCallback,
    "proposal.remind_owner": remindOwnerOfProposal,
    "proposal.alert_unanswered": alertUnansweredProposal,
  },
  ownerActions,
  tasks: {},
  callback: repairCallbackPolicy,
  // Work started: cancelling goes through the callback, which asks the owner whether it is right.
  resolveAction: (action, subject) => (action === "cancel" && canPerform(repairLifecycle, subject.status, "cancel_after_start") ? "cancel_after_start" : action),
  afterCancel: async ({ store, kind, subject, action, now, timeZone, workingHours }) => {
    if (action === "cancel_after_start") await openCancellationCallback(store, kind, subject, now, { timeZone, workingHours });
  },
});
