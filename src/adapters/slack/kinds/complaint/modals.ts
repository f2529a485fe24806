import type { types } from "@slack/bolt";
import type { ComplaintCase } from "../../../../core/kinds/complaint/details.js";
import { complaintDepartments } from "../../../../core/kinds/complaint/use-cases/classify-complaint.js";
import { RepairCategorySchema } from "../../../../core/kinds/repair/details.js";
import { context, escapeMrkdwn, plain, type Translate, truncate } from "../../blocks/format.js";
import { modalView, subjectSection } from "../../blocks/modals.js";
import type { ModalMetadata } from "../../interaction-values.js";
import { complaintSummary } from "./card.js";
import { complaintInputs, complaintViewIds } from "./interaction.js";

type Complaint = Pick<ComplaintCase, "number" | "details">;

/** The words modals of a complaint: which one, and its copy under `staff:complaint.modals.<name>`. */
export type WordsModalName = "invalid" | "answer" | "resolve";

const wordsViewIds: Record<WordsModalName, string> = {
  invalid: complaintViewIds.invalid,
  answer: complaintViewIds.answer,
  resolve: complaintViewIds.resolve,
};

const option = (text: string, value: string): types.PlainTextOption => ({ text: plain(truncate(text, 75)), value });

/** The owner's own words above the form, so staff answer what was asked. */
function ownerWords(complaint: Complaint, t: Translate): types.KnownBlock {
  return context(escapeMrkdwn(t("staff:complaint.modals.owner_asks", { request: complaint.details.ownerRequest })));
}

/**
 * A department to choose (Service error: the one complained about, whose head is told within
 * the hour; Route: the one that must act). Prefilled with nothing on purpose: a guessed
 * department would send the complaint to the wrong head with one careless click.
 */
export function departmentModal(input: { complaint: Complaint; metadata: ModalMetadata; purpose: "service_error" | "route" }, t: Translate): types.ModalView {
  const copy = `staff:complaint.modals.${input.purpose}`;
  const select: types.StaticSelect = {
    type: "static_select",
    action_id: complaintInputs.department,
    placeholder: plain(t("staff:complaint.modals.department_placeholder")),
    options: complaintDepartments.map((team) => option(t(`staff:team_names.${team}`), team)),
  };
  return modalView(input.purpose === "service_error" ? complaintViewIds.serviceError : complaintViewIds.route, t(`${copy}.title`), input.metadata, [
    subjectSection({ number: input.complaint.number, summary: complaintSummary(input.complaint) }),
    ...(input.complaint.details.about ? [context(escapeMrkdwn(t("staff:complaint.modals.about", { about: input.complaint.details.about })))] : []),
    { type: "input", block_id: complaintInputs.department, label: plain(t(`${copy}.label`)), element: select, hint: plain(t(`${copy}.hint`)) },
  ], t);
}

/**
 * Words staff write to the owner: the helpful reply to an invalid complaint, the answer, or the
 * resolution. The owner reads them as written, framed by the company in their language, so the
 * hint says so.
 */
export function wordsModal(input: { complaint: Complaint; metadata: ModalMetadata; name: WordsModalName }, t: Translate): types.ModalView {
  const copy = `staff:complaint.modals.${input.name}`;
  return modalView(wordsViewIds[input.name], t(`${copy}.title`), input.metadata, [
    subjectSection({ number: input.complaint.number, summary: complaintSummary(input.complaint) }),
    ownerWords(input.complaint, t),
    {
      type: "input",
      block_id: complaintInputs.words,
      label: plain(t(`${copy}.label`)),
      element: { type: "plain_text_input", action_id: complaintInputs.words, multiline: true, min_length: 2, max_length: 2000 },
      hint: plain(t(`${copy}.hint`)),
    },
  ], t);
}

/**
 * Harm ongoing: stop the harm first (PROCEDURES.md §2). The urgent repair's category, and what
 * the technician must stop, prefilled with the complaint's own words to edit.
 */
export function harmModal(input: { complaint: Complaint; metadata: ModalMetadata }, t: Translate): types.ModalView {
  const categories = RepairCategorySchema.options.map((value) => option(t(`common:category.${value}`), value));
  return modalView(complaintViewIds.harm, t("staff:complaint.modals.harm.title"), input.metadata, [
    subjectSection({ number: input.complaint.number, summary: complaintSummary(input.complaint) }),
    {
      type: "input",
      block_id: complaintInputs.category,
      label: plain(t("staff:complaint.modals.harm.category")),
      element: { type: "static_select", action_id: complaintInputs.category, placeholder: plain(t("staff:complaint.modals.harm.category_placeholder")), options: categories },
    },
    {
      type: "input",
      block_id: complaintInputs.harm,
      label: plain(t("staff:complaint.modals.harm.label")),
      element: {
        type: "plain_text_input",
        action_id: complaintInputs.harm,
        multiline: true,
        min_length: 2,
        max_length: 2000,
        initial_value: truncate(input.complaint.details.description, 2000),
      },
    },
    context(t("staff:complaint.modals.harm.hint")),
  ], t);
}
