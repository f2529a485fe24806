import { WorkflowError } from "../../domain/errors.js";
import type { Store } from "../../ports/store.js";
import type { WorkflowContext } from "../../ports/workflow-context.js";
import type { Actor, Case, CaseHeader } from "../case.js";
import type { CaseKind } from "../kind.js";

export interface OwnerCaseInput {
  ownerUserId: string;
  caseId: string;
}

export interface OwnerCaseScope<D> {
  store: Store;
  subject: Case<D>;
  kind: CaseKind;
  now: Date;
}

/** Frame of an owner's button press: one transaction, and only on a case they reported (of `kindId` when given). */
export async function ownerCaseAction<D = unknown>(
  ctx: WorkflowContext,
  input: OwnerCaseInput,
  apply: (scope: OwnerCaseScope<D>) => Promise<Case<D>>,
  kindId?: string,
): Promise<Case<D>> {
  const now = ctx.time.now();
  const result = await ctx.uow.transaction(async (store) => {
    const found = await store.cases.findById(input.caseId);
    if (!found || found.reporterUserId !== input.ownerUserId || (kindId !== undefined && found.kind !== kindId)) {
      throw new WorkflowError("not_found", `case ${input.caseId} is not reported by ${input.ownerUserId}`);
    }
    return apply({ store, subject: found as Case<D>, kind: ctx.kinds.kindOf(found), now });
  });
  ctx.onOutboxWritten?.();
  return result;
}

export function ownerActor(subject: CaseHeader): Actor {
  return { type: "owner", id: subject.reporterId };
}
