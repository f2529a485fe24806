import type { types } from "@slack/bolt";
import { type ComplaintSubject, ComplaintSubjectSchema } from "../../../../core/kinds/complaint/details.js";
import { complaintRequestFields } from "../../../../core/kinds/complaint/new-complaint.js";
import type { Translate } from "../../blocks/format.js";
import {
  dateInput,
  type FieldErrors,
  type IntakeRead,
  type IntakeValues,
  selectedDate,
  selectedValue,
  selectInput,
  textInput,
  typedValue,
} from "../../blocks/intake-form.js";

/** Block and action ids of the complaint's fields in the front desk's form. */
export const complaintIntakeInputs = {
  subject: "intake_complaint_subject",
  description: "intake_complaint_description",
  whenWhere: "intake_complaint_when_where",
  about: "intake_complaint_about",
  ownerRequest: "intake_complaint_request",
  deadline: "intake_complaint_deadline",
} as const;

/**
 * What the front desk records of a complaint (PROCEDURES.md §2, "Record"): what happened, when
 * and where, who it is about, what the owner asks for, and the owner's own deadline, a local
 * date resolved by the end of that day.
 */
export interface ComplaintIntakeInput {
  subject: ComplaintSubject;
  description: string;
  whenWhere: string;
  about: string | null;
  ownerRequest: string;
  deadline: { date: string } | null;
}

/** Slack's text inputs stop at the core's lengths, so a long letter is cut while typing, not refused after. */
const maxLength = { description: 2000, whenWhere: 300, about: 200, ownerRequest: 1000 } as const;

/** The complaint's part of step 2, in the order the procedure records it. */
export function complaintIntakeFields(t: Translate): types.KnownBlock[] {
  const subjects = ComplaintSubjectSchema.options.map((value) => ({ value, text: t(`common:complaint_subject.${value}`) }));
  return [
    selectInput(complaintIntakeInputs.subject, t("staff:intake.complaint.subject"), subjects, { placeholder: t("staff:intake.complaint.subject_placeholder") }),
    textInput(complaintIntakeInputs.description, t("staff:intake.complaint.description"), { multiline: true, maxLength: maxLength.description }),
    textInput(complaintIntakeInputs.whenWhere, t("staff:intake.complaint.when_where"), { maxLength: maxLength.whenWhere, hint: t("staff:intake.complaint.when_where_hint") }),
    textInput(complaintIntakeInputs.about, t("staff:intake.complaint.about"), { optional: true, maxLength: maxLength.about }),
    textInput(complaintIntakeInputs.ownerRequest, t("staff:intake.complaint.owner_request"), { multiline: true, maxLength: maxLength.ownerRequest }),
    dateInput(complaintIntakeInputs.deadline, t("staff:intake.complaint.deadline"), { optional: true, hint: t("staff:intake.complaint.deadline_hint") }),
  ];
}

/** Reads the complaint's fields with the core's own rules, every wrong one at once. */
export function readComplaintIntake(values: IntakeValues, t: Translate): IntakeRead<ComplaintIntakeInput> {
  const errors: FieldErrors = {};
  const subject = ComplaintSubjectSchema.safeParse(selectedValue(values, complaintIntakeInputs.subject));
  if (!subject.success) errors[complaintIntakeInputs.subject] = t("staff:intake.complaint.subject_required");
  const description = complaintRequestFields.description.safeParse(typedValue(values, complaintIntakeInputs.description));
  if (!description.success) errors[complaintIntakeInputs.description] = t("staff:intake.complaint.description_required");
  const whenWhere = complaintRequestFields.whenWhere.safeParse(typedValue(values, complaintIntakeInputs.whenWhere));
  if (!whenWhere.success) errors[complaintIntakeInputs.whenWhere] = t("staff:intake.required");
  const about = typedValue(values, complaintIntakeInputs.about);
  const ownerRequest = complaintRequestFields.ownerRequest.safeParse(typedValue(values, complaintIntakeInputs.ownerRequest));
  if (!ownerRequest.success) errors[complaintIntakeInputs.ownerRequest] = t("staff:intake.required");
  const date = selectedDate(values, complaintIntakeInputs.deadline);
  if (!subject.success || !description.success || !whenWhere.success || !ownerRequest.success) return { ok: false, errors };
  return {
    ok: true,
    value: {
      subject: subject.data,
      description: description.data,
      whenWhere: whenWhere.data,
      about: about || null,
      ownerRequest: ownerRequest.data,
      deadline: date ? { date } : null,
    },
  };
}
