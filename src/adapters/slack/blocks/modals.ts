import type { types } from "@slack/bolt";
import type { CaseHeader } from "../../../core/case/case.js";
import type { StaffMember } from "../../../core/domain/registry.js";
import { encodeValue, type ModalMetadata, modalInputs, viewIds } from "../interaction-values.js";
import { escapeMrkdwn, mrkdwn, plain, type Translate, truncate } from "./format.js";

/** Slack cuts modal titles and submit/close labels at 24 characters. */
const shortLabel = (text: string) => plain(truncate(text, 24));

/**
 * A case as the top line of its modals: the number, and the kind's one-line summary of it (what
 * the owner wrote, for a repair). The summary is escaped here.
 */
export interface ModalSubject {
  number: string;
  summary: string;
}

/** A modal with the shared Save/Close labels, carrying `metadata` to its submission. */
export function modalView(callbackId: string, title: string, metadata: ModalMetadata, blocks: types.KnownBlock[], t: Translate): types.ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    private_metadata: encodeValue(metadata),
    title: shortLabel(title),
    submit: shortLabel(t("staff:modals.submit")),
    close: shortLabel(t("staff:modals.close")),
    blocks,
  };
}

/**
 * What a modal becomes when its submission names no case this deployment can read: a notice
 * without Save, so the staff member closes it and starts again from the card.
 */
export function outdatedModal(t: Translate): types.ModalView {
  return {
    type: "modal",
    callback_id: viewIds.outdated,
    title: shortLabel(t("staff:modals.outdated.title")),
    close: shortLabel(t("staff:modals.close")),
    blocks: [{ type: "section", text: mrkdwn(t("staff:modals.outdated.text")) }],
  };
}

/** The section naming the case a modal acts on. */
export function subjectSection(subject: ModalSubject): types.KnownBlock {
  return { type: "section", text: mrkdwn(truncate(`*${subject.number}*\n${escapeMrkdwn(subject.summary)}`, 3000)) };
}

/**
 * Assign: pick a member of the case's team (as listTeamStaff returned them); the current
 * assignee is preselected. Slack allows 100 options, far more than a team has.
 */
export function assignModal(
  input: { subject: ModalSubject & Pick<CaseHeader, "assigneeId">; members: StaffMember[]; metadata: ModalMetadata },
  t: Translate,
): types.ModalView {
  const options: types.PlainTextOption[] = input.members.slice(0, 100).map((member) => ({
    text: plain(truncate(member.role === "member" ? member.name : `${member.name} (${t(`staff:roles.${member.role}`)})`, 75)),
    value: member.id,
  }));
  const initial = options.find((option) => option.value === input.subject.assigneeId);
  const select: types.StaticSelect = {
    type: "static_select",
    action_id: modalInputs.assignee,
    placeholder: plain(t("staff:modals.assign.placeholder")),
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
  return modalView(viewIds.assign, t("staff:modals.assign.title"), input.metadata, [
    subjectSection(input.subject),
    { type: "input", block_id: modalInputs.assignee, label: plain(t("staff:modals.assign.label")), element: select },
  ], t);
}

/** Cancel: a reason is required, and the owner is told it. */
export function cancelModal(input: { subject: ModalSubject; metadata: ModalMetadata }, t: Translate): types.ModalView {
  return modalView(viewIds.cancel, t("staff:modals.cancel.title"), input.metadata, [
    subjectSection(input.subject),
    {
      type: "input",
      block_id: modalInputs.reason,
      label: plain(t("staff:modals.cancel.label")),
      element: { type: "plain_text_input", action_id: modalInputs.reason, multiline: true, min_length: 2, max_length: 500 },
      hint: plain(t("staff:modals.cancel.hint")),
    },
  ], t);
}
