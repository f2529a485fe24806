import type { Case } from "../../case/case.js";
import { type CaseKind, defineKind, type OwnerActionDefinition, type OwnerActionInput } from "../../case/kind.js";
import { feeCardActions } from "./card-actions.js";
import { type FeeCase, type FeeDetails, FeeDetailsSchema, overdueReasons } from "./details.js";
import { type FeeAction, feeFinalStatuses, feeLifecycle } from "./lifecycle.js";
import { feeLedger } from "./ledger.js";
import { feePermissionHolders, mayPerformFee } from "./permissions.js";
import { reminderRunTasks } from "./reminder-run.js";
import { acknowledgeFee, giveOverdueReason, promiseFee } from "./use-cases/answer-reminder.js";
import { weekSummaryTasks } from "./use-cases/ladder-summary.js";

const whileOpen = (subject: Case): boolean => subject.status === "open";
/** The reasons are asked once the household is overdue. */
const whileOverdue = (subject: Case): boolean => whileOpen(subject) && (subject as FeeCase).details.firstOverdueReminderAt !== null;

const pressed = (input: OwnerActionInput) => ({ ownerUserId: input.ownerUserId, caseId: input.caseId });

const reasonButtons = Object.fromEntries(
  overdueReasons.map((reason, index): [string, OwnerActionDefinition] => [
    `reason.${reason}`,
    {
      code: `r${index + 1}`,
      argument: null,
      labelKey: `fee.actions.reason.${reason}`,
      doneKey: `fee.action_done.reason.${reason}`,
      isCurrent: whileOverdue,
      perform: (ctx, input) => giveOverdueReason(ctx, { ...pressed(input), reason }),
    },
  ]),
);

/** The owner's buttons under a reminder (kind `fee`), their two-letter codes stored in Telegram messages. */
const ownerActions: Record<string, OwnerActionDefinition> = {
  ack: {
    code: "fa",
    argument: null,
    labelKey: "fee.actions.ack",
    doneKey: "fee.action_done.ack",
    isCurrent: whileOpen,
    perform: (ctx, input) => acknowledgeFee(ctx, pressed(input)),
  },
  pay_by: {
    code: "fp",
    argument: "instant",
    labelKey: "fee.actions.pay_by",
    doneKey: "fee.action_done.pay_by",
    isCurrent: (subject, arg) => whileOpen(subject) && arg !== undefined,
    perform: (ctx, input) => promiseFee(ctx, { ...pressed(input), payBy: input.arg ?? "" }),
  },
  // The owner says what is wrong first: the owners' adapter asks, then calls disputeFee.
  dispute: {
    code: "fd",
    argument: null,
    labelKey: "fee.actions.dispute",
    doneKey: "fee.action_done.dispute",
    isCurrent: whileOpen,
  },
  ...reasonButtons,
};

/**
 * Fees in arrears (催缴, PROCEDURES.md §3): one file per household, opened by the reminder run,
 * the ladder's steps as its history; settled by the payment that leaves nothing due.
 */
export const feeKind: CaseKind = defineKind<FeeDetails>({
  id: "fee",
  prefix: "F",
  details: FeeDetailsSchema,
  lifecycle: feeLifecycle,
  finalStatuses: feeFinalStatuses,
  mayPerform: (staff, action, subject) => mayPerformFee(staff, action as FeeAction, subject),
  permissionHolders: (action) => feePermissionHolders[action as FeeAction] ?? [],
  cardActions: feeCardActions,
  clockRules: {},
  dueEffects: {},
  ownerActions,
  ledger: feeLedger,
  // Late-bound: the reminder run opens and moves cases of the kind it belongs to.
  tasks: { ...reminderRunTasks((): CaseKind => feeKind), ...weekSummaryTasks },
});
