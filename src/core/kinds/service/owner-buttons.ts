import type { OwnerButton } from "../../domain/outbox.js";

/** Accept / Decline under a quote. */
export function quoteButtons(caseId: string): OwnerButton[] {
  return [
    { kind: "service", action: "quote.accept", caseId },
    { kind: "service", action: "quote.decline", caseId },
  ];
}

/** Confirm / Propose another under a proposed time; each carries the instant it answers. */
export function timeButtons(caseId: string, proposedAt: Date): OwnerButton[] {
  const arg = proposedAt.toISOString();
  return [
    { kind: "service", action: "time.confirm", caseId, arg },
    { kind: "service", action: "time.other", caseId, arg },
  ];
}

/** Accept / Report a problem once the team is done (a package visit's carry its scheduled instant). */
export function workButtons(caseId: string, visitAt?: Date): OwnerButton[] {
  const arg = visitAt ? { arg: visitAt.toISOString() } : {};
  return [
    { kind: "service", action: "work.accept", caseId, ...arg },
    { kind: "service", action: "work.problem", caseId, ...arg },
  ];
}

/** Reschedule / Cancel while the team is not yet on the way. */
export function orderButtons(caseId: string): OwnerButton[] {
  return [
    { kind: "service", action: "order.reschedule", caseId },
    { kind: "service", action: "order.cancel", caseId },
  ];
}
