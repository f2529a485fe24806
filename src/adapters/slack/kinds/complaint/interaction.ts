import { z } from "zod";
import { RepairCategorySchema } from "../../../../core/kinds/repair/details.js";
import { TeamSchema } from "../../../../core/domain/registry.js";

/**
 * Ids of the buttons only complaints have. Cards already posted carry them, so they never
 * change; the `complaint.` prefix keeps them apart from every other kind's.
 */
export const complaintActionIds = {
  classifyMajor: "complaint.classify_major",
  classifyServiceError: "complaint.classify_service_error",
  classifyMinor: "complaint.classify_minor",
  markInvalid: "complaint.mark_invalid",
  acknowledge: "complaint.acknowledge",
  route: "complaint.route",
  contactOwner: "complaint.contact_owner",
  sendAnswer: "complaint.send_answer",
  harmOngoing: "complaint.harm_ongoing",
  supervisorTakeover: "complaint.supervisor_takeover",
  resolve: "complaint.resolve",
} as const;

/** `callback_id`s of the complaint's own modals. */
export const complaintViewIds = {
  serviceError: "complaint.service_error_modal",
  invalid: "complaint.invalid_modal",
  route: "complaint.route_modal",
  answer: "complaint.answer_modal",
  harm: "complaint.harm_modal",
  resolve: "complaint.resolve_modal",
} as const;

/**
 * Block and action ids of the complaint modals' fields, prefixed so no other kind's modal reads
 * them by accident.
 */
export const complaintInputs = {
  department: "complaint_department",
  words: "complaint_words",
  category: "complaint_category",
  harm: "complaint_harm",
} as const;

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
const typed = z.object({ value: z.string().nullish() });

/** `view.state.values` of a modal choosing a department (Service error, Route); the core checks it is one. */
export const DepartmentSubmissionSchema = z.object({
  [complaintInputs.department]: z.object({ [complaintInputs.department]: selected }),
});

/** `view.state.values` of a modal of staff's words to the owner (Invalid, Send answer, Resolve). */
export const WordsSubmissionSchema = z.object({
  [complaintInputs.words]: z.object({ [complaintInputs.words]: typed }),
});

/** `view.state.values` of Harm ongoing: the repair's category and what the technician must stop. */
export const HarmSubmissionSchema = z.object({
  [complaintInputs.category]: z.object({ [complaintInputs.category]: selected }),
  [complaintInputs.harm]: z.object({ [complaintInputs.harm]: typed }),
});

/** The department a submission chose, or null when it chose none Slack could send. */
export function chosenDepartment(values: unknown): z.infer<typeof TeamSchema> | null {
  const parsed = DepartmentSubmissionSchema.safeParse(values);
  const team = TeamSchema.safeParse(parsed.success ? parsed.data[complaintInputs.department][complaintInputs.department].selected_option?.value : undefined);
  return team.success ? team.data : null;
}

/** The words a submission carries, trimmed; empty when none. */
export function typedWords(values: unknown): string {
  const parsed = WordsSubmissionSchema.safeParse(values);
  return (parsed.success ? (parsed.data[complaintInputs.words][complaintInputs.words].value ?? "") : "").trim();
}

/** The repair category and the harm's description a Harm ongoing submission carries. */
export function harmInput(values: unknown): { category: z.infer<typeof RepairCategorySchema> | null; description: string } {
  const parsed = HarmSubmissionSchema.safeParse(values);
  const category = RepairCategorySchema.safeParse(parsed.success ? parsed.data[complaintInputs.category][complaintInputs.category].selected_option?.value : undefined);
  const description = (parsed.success ? (parsed.data[complaintInputs.harm][complaintInputs.harm].value ?? "") : "").trim();
  return { category: category.success ? category.data : null, description };
}
