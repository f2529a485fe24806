import { recordEvent, touchCase } from "../../../case/machinery/changes.js";
import { type OwnerCaseInput, ownerActor } from "../../../case/machinery/owner-case-action.js";
import { localDate } from "../../../domain/deadline.js";
import { WorkflowError } from "../../../domain/errors.js";
import { type Charge, outstandingFen } from "../../../domain/fees.js";
import type { Store } from "../../../ports/store.js";
import type { WorkflowContext } from "../../../ports/workflow-context.js";
import { createComplaint } from "../../complaint/new-complaint.js";
import type { FeeCase, FeeDetails, OverdueReason } from "../details.js";
import { noticeFeeOwner, ownerFeeStep } from "../fee-steps.js";
import { addDays } from "../ladder.js";

/** How far ahead a promise may lie: the month's end is at most 31 days away, with a margin. */
const latestPromiseDays = 62;

/** The charges the latest reminder listed that still have something to pay: what an answer is about. */
async function remindedCharges(store: Store, subject: FeeCase): Promise<Charge[]> {
  const charges: Charge[] = [];
  for (const id of subject.details.remindedChargeIds) {
    const charge = await store.charges.findById(id);
    if (charge && charge.unitId === subject.unitId && outstandingFen(charge) > 0) charges.push(charge);
  }
  return charges;
}

function requireOpen(subject: FeeCase): void {
  if (subject.status !== "open") throw new WorkflowError("invalid_transition", `fee case ${subject.number} is ${subject.status}`, { number: subject.number, status: subject.status });
}

const chargeRefs = (charges: readonly Charge[]) => charges.map((charge) => ({ id: charge.id, feeType: charge.feeType, period: charge.period }));

interface Answer {
  details?: Partial<FeeDetails>;
  data: Record<string, unknown>;
}

/**
 * An owner's answer to the latest reminder, on an open file: `apply` gets the reminded charges
 * still owed and says what the answer records; it is saved as a history event `type` with its time.
 */
function ownerAnswer(
  ctx: WorkflowContext,
  input: OwnerCaseInput,
  type: string,
  apply: (scope: { store: Store; subject: FeeCase; now: Date; charges: Charge[] }) => Promise<Answer>,
): Promise<FeeCase> {
  return ownerFeeStep(ctx, input, async ({ store, subject, now }) => {
    requireOpen(subject);
    const answer = await apply({ store, subject, now, charges: await remindedCharges(store, subject) });
    const updated = await touchCase(store, subject, now, answer.details ?? {});
    await recordEvent(store, updated, { type, actor: ownerActor(subject), at: now, data: answer.data });
    return updated;
  });
}

/** Acknowledged: kept as evidence with its time; the ladder goes on. */
export function acknowledgeFee(ctx: WorkflowContext, input: OwnerCaseInput): Promise<FeeCase> {
  return ownerAnswer(ctx, input, "acknowledged", async ({ charges }) => ({ data: { charges: chargeRefs(charges) } }));
}

export interface PromiseFeeInput extends OwnerCaseInput {
  /** The button's instant: the end of the chosen local day. */
  payBy: string;
}

/**
 * "I will pay by ...": the reminded charges wait for that local date; their reminders resume the
 * day after it. A date before today, or beyond two months, is refused.
 */
export function promiseFee(ctx: WorkflowContext, input: PromiseFeeInput): Promise<FeeCase> {
  return ownerAnswer(ctx, input, "promised", async ({ store, subject, now, charges }) => {
    const at = new Date(input.payBy);
    const today = localDate(now, ctx.timeZone);
    const date = Number.isNaN(at.getTime()) ? "" : localDate(at, ctx.timeZone);
    if (date < today || date > addDays(today, latestPromiseDays)) {
      throw new WorkflowError("invalid_input", `promise ${input.payBy} is not between ${today} and ${latestPromiseDays} days later`, { field: "payBy" });
    }
    for (const charge of charges) await store.charges.save({ ...charge, promisedBy: date, updatedAt: now });
    await noticeFeeOwner(store, subject, now, "fee.promised", { date });
    return { details: { promisedBy: date }, data: { promisedBy: date, charges: chargeRefs(charges) } };
  });
}

export interface DisputeFeeInput extends OwnerCaseInput {
  /** What the owner says is wrong, in their words. */
  words: string;
}

/**
 * "I dispute this": the owner's words open a complaint about fees (PROCEDURES.md §2), linked to
 * the household's file; the reminded charges wait until the complaint is closed.
 */
export async function disputeFee(ctx: WorkflowContext, input: DisputeFeeInput): Promise<FeeCase> {
  return ownerFeeStep(ctx, input, async ({ store, subject, now }) => {
    requireOpen(subject);
    const charges = await remindedCharges(store, subject);
    const unit = await store.units.findById(subject.unitId);
    const reporter = await store.residents.findById(subject.reporterId);
    if (!unit || !reporter) throw new WorkflowError("not_found", `household of ${subject.number} is no longer registered`);
    const complaint = await createComplaint(
      store,
      ctx.kinds.kind("complaint"),
      {
        subject: "fees",
        description: input.words,
        whenWhere: [`${unit.building}-${unit.unit}`, ...charges.map((charge) => `${charge.period} ${charge.feeType}`)].join(", "),
        about: null,
        ownerRequest: input.words,
        deadline: null,
        unit,
        reporter,
        reporterUserId: subject.reporterUserId,
        photos: [],
        channel: "telegram",
        actor: ownerActor(subject),
        linkedCaseId: subject.id,
      },
      now,
      ctx.timeZone,
    );
    for (const charge of charges) await store.charges.save({ ...charge, disputeCaseId: complaint.id, updatedAt: now });
    const updated = await touchCase(store, subject, now);
    await recordEvent(store, updated, { type: "disputed", actor: ownerActor(subject), at: now, data: { complaint: complaint.number, complaintId: complaint.id, words: input.words, charges: chargeRefs(charges) } });
    await noticeFeeOwner(store, updated, now, "fee.disputed", { complaint: complaint.number });
    return updated;
  });
}

export interface GiveReasonInput extends OwnerCaseInput {
  reason: OverdueReason;
}

/** Why the household is overdue, as the owner answers it after an overdue reminder: recorded. */
export function giveOverdueReason(ctx: WorkflowContext, input: GiveReasonInput): Promise<FeeCase> {
  return ownerAnswer(ctx, input, "reason_given", async ({ subject }) => {
    if (subject.details.firstOverdueReminderAt === null) {
      throw new WorkflowError("invalid_transition", `fee case ${subject.number} is not overdue`, { number: subject.number, status: subject.status });
    }
    return { details: { overdueReason: input.reason }, data: { reason: input.reason } };
  });
}
