import type { OwnerButton } from "../../domain/outbox.js";

/** Confirm / Another time under a proposal; each carries the proposed instant it answers. */
export function appointmentButtons(caseId: string, proposedAt: Date): OwnerButton[] {
  const arg = proposedAt.toISOString();
  return [
    { kind: "repair", action: "appointment.confirm", caseId, arg },
    { kind: "repair", action: "appointment.other", caseId, arg },
  ];
}

/** Yes / No under "Fixed?". */
export function fixedButtons(caseId: string): OwnerButton[] {
  return [
    { kind: "repair", action: "fixed.yes", caseId },
    { kind: "repair", action: "fixed.no", caseId },
  ];
}
