import { DateTime } from "luxon";
import { z } from "zod";
import type { Actor } from "../../case/case.js";
import type { CaseKind } from "../../case/kind.js";
import { startClock } from "../../case/machinery/clocks.js";
import { openCase } from "../../case/machinery/open-case.js";
import { deadlineAfter, localDate } from "../../domain/deadline.js";
import { WorkflowError } from "../../domain/errors.js";
import type { Resident, Unit } from "../../domain/registry.js";
import type { Store } from "../../ports/store.js";
import { type ComplaintCase, type ComplaintChannel, type ComplaintDetails, ComplaintSubjectSchema } from "./details.js";
import { complaintTeam } from "./permissions.js";
import { suggestTier } from "./tier.js";

/**
 * The deadline an owner asks for, as they chose it before submitting: a number of days counted
 * from the reception (the buttons: 1, 3, 7), or a local date by whose end it must be resolved.
 */
export const OwnerDeadlineSchema = z.union([
  z.object({ days: z.union([z.literal(1), z.literal(3), z.literal(7)]) }),
  z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD") }),
]);
export type OwnerDeadline = z.infer<typeof OwnerDeadlineSchema>;

/** How far ahead an owner's own date may lie. */
const latestDeadlineDays = 366;

/** What a complaint says, however it was taken: the bot and the front desk's form share these rules. */
export const complaintRequestFields = {
  subject: ComplaintSubjectSchema,
  description: z.string().trim().min(2).max(2000),
  whenWhere: z.string().trim().min(1).max(300),
  about: z.string().trim().min(1).max(200).nullable(),
  ownerRequest: z.string().trim().min(1).max(1000),
  deadline: OwnerDeadlineSchema.nullable(),
};

/**
 * The instant an owner's deadline stands for, counted from the reception in the property's zone:
 * N calendar days later, or the end of the chosen local day. A date before the reception's day,
 * or more than a year ahead, is `invalid_input`: the owner is asked again, nothing is recorded.
 */
export function ownerDeadlineAt(deadline: OwnerDeadline, receivedAt: Date, timeZone: string): Date {
  if ("days" in deadline) return deadlineAfter(receivedAt, { days: deadline.days }, timeZone);
  const day = DateTime.fromISO(deadline.date, { zone: timeZone });
  const today = localDate(receivedAt, timeZone);
  if (!day.isValid || deadline.date < today || day.diff(DateTime.fromISO(today, { zone: timeZone }), "days").days > latestDeadlineDays) {
    throw new WorkflowError("invalid_input", `deadline ${deadline.date} is not between ${today} and a year later`, { field: "deadline" });
  }
  return day.endOf("day").toJSDate();
}

export type ComplaintRequest = z.infer<z.ZodObject<typeof complaintRequestFields>>;

/** The request's own fields out of a use case's input. */
export function complaintRequestOf(input: ComplaintRequest): ComplaintRequest {
  const { subject, description, whenWhere, about, ownerRequest, deadline } = input;
  return { subject, description, whenWhere, about, ownerRequest, deadline };
}

export interface NewComplaint extends ComplaintRequest {
  unit: Unit;
  reporter: Resident;
  reporterUserId: string | null;
  photos: string[];
  channel: ComplaintChannel;
  actor: Actor;
  /** The case the complaint is about (a household's fee file the owner disputes). */
  linkedCaseId?: string | null;
}

/**
 * Records a complaint however it reached the front desk (PROCEDURES.md §2, "Record"): numbered
 * `C-YYYY-NNNNNN`, with the tier its words suggest, its card queued for the front desk's channel
 * and its first clock (classify within the hour) started at the reception, which is now.
 */
export async function createComplaint(store: Store, kind: CaseKind, input: NewComplaint, now: Date, timeZone: string): Promise<ComplaintCase> {
  const created = await openCase<ComplaintDetails>(store, kind, {
    unit: input.unit,
    reporter: input.reporter,
    reporterUserId: input.reporterUserId,
    team: complaintTeam,
    linkedCaseId: input.linkedCaseId ?? null,
    actor: input.actor,
    channel: input.channel,
    photos: input.photos,
    details: {
      subject: input.subject,
      description: input.description,
      whenWhere: input.whenWhere,
      about: input.about,
      ownerRequest: input.ownerRequest,
      ownerDeadline: input.deadline ? ownerDeadlineAt(input.deadline, now, timeZone) : null,
      photos: input.photos,
      channel: input.channel,
      suggestedTier: suggestTier(input.subject, [input.description, input.whenWhere, input.ownerRequest, input.about ?? ""]),
      tier: null,
      classifiedAt: null,
      department: null,
      acknowledgedAt: null,
      contactedAt: null,
      answer: null,
      answeredAt: null,
      resolution: null,
      resolvedAt: null,
      resolveBy: null,
      ownerVerdict: null,
      invalidReply: null,
      harmRepairId: null,
    },
  }, now, timeZone);
  await startClock(store, kind, { caseId: created.id, rule: "complaint.classify", anchor: now, timeZone });
  return created;
}
