import { WorkflowError } from "../domain/errors.js";
import type { CaseHeader } from "./case.js";

export interface Transition<S extends string = string> {
  from: readonly S[];
  /** Where the action leads; omitted, the case stays where it is (a step recorded within a status). */
  to?: S;
}

/**
 * A kind's lifecycle as a transition table. A use case names the action it performs; the table
 * says from which statuses it is allowed and where it leads. Nothing else writes `status`.
 */
export interface Lifecycle<S extends string = string, A extends string = string> {
  statuses: readonly S[];
  /** The status a new case starts in. */
  initial: S;
  transitions: Record<A, Transition<S>>;
}

export function canPerform(lifecycle: Lifecycle, status: string, action: string): boolean {
  const transition = lifecycle.transitions[action];
  return transition !== undefined && transition.from.includes(status);
}

/** The status `action` leads to, or an `invalid_transition` error naming both. */
export function nextStatus(lifecycle: Lifecycle, subject: Pick<CaseHeader, "status" | "number">, action: string): string {
  const transition = lifecycle.transitions[action];
  if (!transition || !transition.from.includes(subject.status)) {
    throw new WorkflowError("invalid_transition", `${action} is not allowed from ${subject.status}`, {
      number: subject.number,
      action,
      status: subject.status,
    });
  }
  return transition.to ?? subject.status;
}
