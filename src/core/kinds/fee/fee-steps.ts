import type { Actor } from "../../case/case.js";
import type { CaseKind } from "../../case/kind.js";
import { alertTeam } from "../../case/machinery/changes.js";
import { type OwnerCaseInput, type OwnerCaseScope, ownerCaseAction } from "../../case/machinery/owner-case-action.js";
import { type StaffCaseInput, type StaffCaseScope, staffCaseAction } from "../../case/machinery/staff-case-action.js";
import type { MessageParams, OwnerButton } from "../../domain/outbox.js";
import type { Locale } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import { newId, type WorkflowContext } from "../../ports/workflow-context.js";
import type { FeeCase, FeeDetails } from "./details.js";
import type { FeeAction } from "./lifecycle.js";

/** The team that works the ladder and whose channel shows the households' cards. */
export const feeTeam = "frontdesk" as const;

/** A staff step on a household's file: the shared checks (staff, right, lifecycle) in one transaction. */
export function feeStep(ctx: WorkflowContext, input: StaffCaseInput, action: FeeAction, apply: (scope: StaffCaseScope<FeeDetails>) => Promise<FeeCase>): Promise<FeeCase> {
  return staffCaseAction<FeeDetails>(ctx, input, action, apply, "fee");
}

/** An owner's answer to a reminder, in one transaction, on their own household's file. */
export function ownerFeeStep(ctx: WorkflowContext, input: OwnerCaseInput, apply: (scope: OwnerCaseScope<FeeDetails>) => Promise<FeeCase>): Promise<FeeCase> {
  return ownerCaseAction<FeeDetails>(ctx, input, apply, "fee");
}

export const systemActor: Actor = { type: "system" };

/**
 * Tells the household's owner on the bot, in their language; `quiet` for what they did not ask
 * for (a reminder, a ladder step): it waits out the quiet hours. Nothing goes to a household
 * without an identity (it is on the call list instead). Says whether a message was queued.
 */
export async function noticeFeeOwner(
  store: Store,
  subject: FeeCase,
  at: Date,
  key: string,
  params: MessageParams | ((locale: Locale) => MessageParams) = {},
  options: { buttons?: OwnerButton[]; quiet?: boolean } = {},
): Promise<boolean> {
  if (!subject.reporterUserId) return false;
  const identity = await store.identities.find(subject.reporterUserId);
  if (!identity) return false;
  const own = typeof params === "function" ? params(identity.locale) : params;
  await store.outbox.enqueue({
    id: newId(),
    createdAt: at,
    payload: {
      type: "owner.notice",
      chatId: identity.chatId,
      locale: identity.locale,
      key,
      params: { number: subject.number, ...own },
      buttons: options.buttons ?? [],
      ...(options.quiet ? { quiet: true } : {}),
    },
  });
  return true;
}

/** An alert in the front desk's channel about a household's file, mentioning its leader. */
export async function alertFrontDesk(store: Store, subject: FeeCase, at: Date, key: string, params: MessageParams = {}): Promise<void> {
  const leaders = await store.staff.listByTeam(feeTeam, "leader");
  const unit = await store.units.findById(subject.unitId);
  await alertTeam(store, {
    team: feeTeam,
    key,
    params: { number: subject.number, building: unit?.building ?? "", unit: unit?.unit ?? "", ...params },
    mentions: leaders.map((member) => member.staffUserId),
    caseId: subject.id,
    at,
  });
}

/** The fee kind, given late where a module of the kind needs it (the kind lists the module's tasks). */
export type FeeKindRef = () => CaseKind;
