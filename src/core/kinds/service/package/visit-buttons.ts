import type { OwnerButton } from "../../../domain/outbox.js";

/** The owner action under a visit's announcement or proposal: the owner would like another time. */
export const visitOtherAction = "visit.other";

/** Propose another under a visit's announcement: it names the visit by its scheduled instant. */
export function announcementButtons(caseId: string, visitAt: Date): OwnerButton[] {
  return [{ kind: "service", action: visitOtherAction, caseId, arg: visitAt.toISOString() }];
}

/** Confirm / Propose another under a time proposed for a visit; each carries the proposed instant. */
export function visitButtons(caseId: string, proposedAt: Date): OwnerButton[] {
  const arg = proposedAt.toISOString();
  return [
    { kind: "service", action: "time.confirm", caseId, arg },
    { kind: "service", action: visitOtherAction, caseId, arg },
  ];
}

/** Accept / Report a problem under a visit done; each names the visit by its scheduled instant. */
export function workButtons(caseId: string, visitAt: Date): OwnerButton[] {
  const arg = visitAt.toISOString();
  return [
    { kind: "service", action: "work.accept", caseId, arg },
    { kind: "service", action: "work.problem", caseId, arg },
  ];
}
