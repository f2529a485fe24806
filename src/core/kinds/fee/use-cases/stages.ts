import { transitionCase } from "../../../case/machinery/changes.js";
import type { StaffCaseInput } from "../../../case/machinery/staff-case-action.js";
import { WorkflowError } from "../../../domain/errors.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import type { FeeCase } from "../details.js";
import { feeStep, noticeFeeOwner } from "../fee-steps.js";

const staffActor = (staff: { id: string }) => ({ type: "staff" as const, id: staff.id });

function requiredText(value: string, field: string, max: number): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) throw new WorkflowError("invalid_input", `${field} must be 1 to ${max} characters`, { field });
  return text;
}

export interface MarkLetterSentInput extends StaffCaseInput {
  trackingNumber: string;
}

/** "Sent by express mail": the demand letter's tracking number, shown on the card from then on. */
export async function markLetterSent(ctx: WorkflowContext, input: MarkLetterSentInput): Promise<FeeCase> {
  return feeStep(ctx, input, "mark_sent", async ({ store, staff, subject, kind, now }) => {
    if (subject.details.letterNumber === null) throw new WorkflowError("invalid_transition", `fee case ${subject.number} has no demand letter`, { number: subject.number, status: subject.status });
    const trackingNumber = requiredText(input.trackingNumber, "trackingNumber", 64);
    return transitionCase(store, kind, subject, {
      action: "mark_sent",
      event: "letter_sent",
      actor: staffActor(staff),
      at: now,
      details: { trackingNumber, sentAt: now },
      data: { letterNumber: subject.details.letterNumber, trackingNumber },
    });
  });
}

export interface HomeVisitDoneInput extends StaffCaseInput {
  note: string;
}

/** The home visit (上门催缴) was made: what was said is kept with its time. */
export async function homeVisitDone(ctx: WorkflowContext, input: HomeVisitDoneInput): Promise<FeeCase> {
  return feeStep(ctx, input, "home_visit_done", async ({ store, staff, subject, kind, now }) => {
    if (subject.details.stage !== "home_visit") throw new WorkflowError("invalid_transition", `fee case ${subject.number} has no home visit due`, { number: subject.number, status: subject.status });
    const note = requiredText(input.note, "note", 2000);
    return transitionCase(store, kind, subject, {
      action: "home_visit_done",
      actor: staffActor(staff),
      at: now,
      details: { homeVisitAt: now, homeVisitNote: note },
      data: { note },
    });
  });
}

export interface ReferToLegalInput extends StaffCaseInput {
  note?: string;
}

/** "Refer to legal" (法律途径, a manager's decision): the household's reminders stop. */
export async function referToLegal(ctx: WorkflowContext, input: ReferToLegalInput): Promise<FeeCase> {
  return feeStep(ctx, input, "refer_to_legal", async ({ store, staff, subject, kind, now }) => {
    const referred = await transitionCase(store, kind, subject, {
      action: "refer_to_legal",
      actor: staffActor(staff),
      at: now,
      details: { stage: "legal", referredAt: now },
      data: input.note ? { note: input.note.trim() } : {},
    });
    await noticeFeeOwner(store, referred, now, "fee.referred", {}, { quiet: true });
    return referred;
  });
}
