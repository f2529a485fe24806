import type { OwnerButton } from "../../../domain/outbox.js";

/** The owner action under a visit's announcement or a time proposed for it: the owner would like another time. */
export const visitOtherAction = "visit.other";

/** Propose another under a visit's announcement: it names the visit by its scheduled instant. */
export function announcementButtons(caseId: string, visitAt: Date): OwnerButton[] {
  return [{ kind: "service", action: visitOtherAction, caseId, arg: visitAt.toISOString() }];
}

/**
 * Confirm / Propose another under a time proposed for a visit; each carries the proposed
 * instant, which names the visit while it is `proposed`.
 */
export function visitProposalButtons(caseId: string, proposedAt: Date): OwnerButton[] {
  const arg = proposedAt.toISOString();
  return [
    { kind: "service", action: "time.confirm", caseId, arg },
    { kind: "service", action: visitOtherAction, caseId, arg },
  ];
}
