import type { types } from "@slack/bolt";
import type { StaffMember } from "../../../core/domain/registry.js";
import type { Ticket } from "../../../core/domain/ticket.js";
import { encodeValue, type ModalMetadata, modalInputs, viewIds } from "../interaction-values.js";
import type { LocalDateTime } from "../local-time.js";
import { context, escapeMrkdwn, mrkdwn, plain, type Translate, truncate } from "./format.js";

/** Slack cuts modal titles and submit/close labels at 24 characters. */
const shortLabel = (text: string) => plain(truncate(text, 24));

function modal(callbackId: string, title: string, metadata: ModalMetadata, blocks: types.KnownBlock[], t: Translate): types.ModalView {
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

function ticketLine(ticket: Pick<Ticket, "number" | "description">): types.KnownBlock {
  return { type: "section", text: mrkdwn(truncate(`*${ticket.number}*\n${escapeMrkdwn(ticket.description)}`, 3000)) };
}

/**
 * Assign: pick a member of the ticket's team (as listTeamStaff returned them); the current
 * assignee is preselected. Slack allows 100 options, far more than a team has.
 */
export function assignModal(
  input: { ticket: Pick<Ticket, "number" | "description" | "assigneeId">; members: StaffMember[]; metadata: ModalMetadata },
  t: Translate,
): types.ModalView {
  const options: types.PlainTextOption[] = input.members.slice(0, 100).map((member) => ({
    text: plain(truncate(member.role === "member" ? member.name : `${member.name} (${t(`staff:roles.${member.role}`)})`, 75)),
    value: member.id,
  }));
  const initial = options.find((option) => option.value === input.ticket.assigneeId);
  const select: types.StaticSelect = {
    type: "static_select",
    action_id: modalInputs.assignee,
    placeholder: plain(t("staff:modals.assign.placeholder")),
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
  return modal(viewIds.assign, t("staff:modals.assign.title"), input.metadata, [
    ticketLine(input.ticket),
    { type: "input", block_id: modalInputs.assignee, label: plain(t("staff:modals.assign.label")), element: select },
  ], t);
}

/**
 * Schedule: a date and a time on the property's clocks (`timeZone`, shown under the time
 * picker), prefilled with `initial`; the owner's own wish is shown above so staff propose what
 * the owner asked for. The owner must then confirm the time in the bot.
 */
export function scheduleModal(
  input: {
    ticket: Pick<Ticket, "number" | "description" | "preferredTime" | "ownerTimeRequest">;
    initial: LocalDateTime;
    timeZone: string;
    metadata: ModalMetadata;
  },
  t: Translate,
): types.ModalView {
  const wishes = [t("staff:modals.schedule.owner_preferred", { preferredTime: input.ticket.preferredTime })];
  if (input.ticket.ownerTimeRequest) wishes.push(t("staff:modals.schedule.owner_request", { request: input.ticket.ownerTimeRequest }));
  return modal(viewIds.schedule, t("staff:modals.schedule.title"), input.metadata, [
    ticketLine(input.ticket),
    context(escapeMrkdwn(wishes.join("\n"))),
    {
      type: "input",
      block_id: modalInputs.date,
      label: plain(t("staff:modals.schedule.date")),
      element: { type: "datepicker", action_id: modalInputs.date, initial_date: input.initial.date },
    },
    {
      type: "input",
      block_id: modalInputs.time,
      label: plain(t("staff:modals.schedule.time", { timeZone: input.timeZone })),
      element: { type: "timepicker", action_id: modalInputs.time, initial_time: input.initial.time, timezone: input.timeZone },
    },
    context(t("staff:modals.schedule.hint")),
  ], t);
}

/** Cancel: a reason is required, and the owner is told it. */
export function cancelModal(input: { ticket: Pick<Ticket, "number" | "description">; metadata: ModalMetadata }, t: Translate): types.ModalView {
  return modal(viewIds.cancel, t("staff:modals.cancel.title"), input.metadata, [
    ticketLine(input.ticket),
    {
      type: "input",
      block_id: modalInputs.reason,
      label: plain(t("staff:modals.cancel.label")),
      element: { type: "plain_text_input", action_id: modalInputs.reason, multiline: true, min_length: 2, max_length: 500 },
      hint: plain(t("staff:modals.cancel.hint")),
    },
  ], t);
}
