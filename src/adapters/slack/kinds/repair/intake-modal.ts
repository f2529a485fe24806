import type { types } from "@slack/bolt";
import { z } from "zod";
import type { Resident, Unit } from "../../../../core/domain/registry.js";
import { RepairCategorySchema } from "../../../../core/kinds/repair/details.js";
import { context, escapeMrkdwn, maskPhone, mrkdwn, plain, type Translate, truncate, unitLabel } from "../../blocks/format.js";
import { encodeValue } from "../../interaction-values.js";

/** `callback_id`s of the front desk's form: the unit first, then the request, then its receipt. */
export const intakeViewIds = { unit: "request.intake_unit", details: "request.intake_details", done: "request.intake_done" } as const;

/** Block and action ids of the form's fields (distinct from every other modal's). */
export const intakeInputs = {
  channel: "intake_channel",
  building: "intake_building",
  unit: "intake_unit",
  caller: "intake_caller",
  newName: "intake_new_name",
  newPhone: "intake_new_phone",
  category: "intake_category",
  description: "intake_description",
  preferredTime: "intake_preferred_time",
} as const;

/** What the details step carries from the unit step. */
export const IntakeMetadataSchema = z.object({ channel: z.enum(["phone", "counter"]), building: z.string(), unit: z.string() });
export type IntakeMetadata = z.infer<typeof IntakeMetadataSchema>;

const selected = z.object({ selected_option: z.object({ value: z.string() }).nullish() });
const typed = z.object({ value: z.string().nullish() });

/** `view.state.values` of the unit step. */
export const IntakeUnitSubmissionSchema = z.object({
  [intakeInputs.channel]: z.object({ [intakeInputs.channel]: selected }),
  [intakeInputs.building]: z.object({ [intakeInputs.building]: typed }),
  [intakeInputs.unit]: z.object({ [intakeInputs.unit]: typed }),
});

/** `view.state.values` of the details step; the caller is a resident or a new name with a phone. */
export const IntakeDetailsSubmissionSchema = z.object({
  [intakeInputs.caller]: z.object({ [intakeInputs.caller]: selected }).optional(),
  [intakeInputs.newName]: z.object({ [intakeInputs.newName]: typed }),
  [intakeInputs.newPhone]: z.object({ [intakeInputs.newPhone]: typed }),
  [intakeInputs.category]: z.object({ [intakeInputs.category]: selected }),
  [intakeInputs.description]: z.object({ [intakeInputs.description]: typed }),
  [intakeInputs.preferredTime]: z.object({ [intakeInputs.preferredTime]: typed }),
});

function modal(callbackId: string, title: string, blocks: types.KnownBlock[], t: Translate, metadata = "", submit = true): types.ModalView {
  return {
    type: "modal",
    callback_id: callbackId,
    private_metadata: metadata,
    title: plain(truncate(title, 24)),
    ...(submit ? { submit: plain(truncate(t("staff:intake.next"), 24)) } : {}),
    close: plain(truncate(t("staff:modals.close"), 24)),
    blocks,
  };
}

function textInput(blockId: string, label: string, options: { multiline?: boolean; optional?: boolean; hint?: string } = {}): types.KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label),
    optional: options.optional ?? false,
    element: { type: "plain_text_input", action_id: blockId, multiline: options.multiline ?? false },
    ...(options.hint ? { hint: plain(options.hint) } : {}),
  };
}

/** Step 1 of the front desk's form (global shortcut `new_request`): how the request came, and the unit. */
export function intakeUnitModal(t: Translate): types.ModalView {
  const channels = (["phone", "counter"] as const).map((value) => ({ text: plain(t(`staff:intake.channels.${value}`)), value }));
  return modal(intakeViewIds.unit, t("staff:intake.title"), [
    {
      type: "input",
      block_id: intakeInputs.channel,
      label: plain(t("staff:intake.channel")),
      element: { type: "static_select", action_id: intakeInputs.channel, options: channels, initial_option: channels[0]! },
    },
    textInput(intakeInputs.building, t("staff:intake.building")),
    textInput(intakeInputs.unit, t("staff:intake.unit")),
  ], t);
}

/**
 * Step 2: the caller among the unit's residents (names with masked phones), or a new name and
 * phone; then the repair as the owner would describe it in the bot.
 */
export function intakeDetailsModal(input: { unit: Unit; residents: Resident[]; metadata: IntakeMetadata }, t: Translate): types.ModalView {
  const residents = input.residents.slice(0, 100).map((resident) => ({
    text: plain(truncate(`${resident.name} ${maskPhone(resident.phone)} · ${t(`staff:intake.roles.${resident.role}`)}`, 75)),
    value: resident.id,
  }));
  const categories = RepairCategorySchema.options.map((value) => ({ text: plain(truncate(t(`common:category.${value}`), 75)), value }));
  const blocks: types.KnownBlock[] = [{ type: "section", text: mrkdwn(`*${escapeMrkdwn(unitLabel(input.unit))}* · ${escapeMrkdwn(t(`staff:intake.channels.${input.metadata.channel}`))}`) }];
  if (residents.length > 0) {
    blocks.push({
      type: "input",
      block_id: intakeInputs.caller,
      optional: true,
      label: plain(t("staff:intake.caller")),
      element: { type: "static_select", action_id: intakeInputs.caller, options: residents, placeholder: plain(t("staff:intake.caller_placeholder")) },
    });
  }
  blocks.push(
    context(t(residents.length > 0 ? "staff:intake.new_caller_hint" : "staff:intake.no_residents")),
    textInput(intakeInputs.newName, t("staff:intake.new_name"), { optional: true }),
    textInput(intakeInputs.newPhone, t("staff:intake.new_phone"), { optional: true, hint: t("staff:intake.phone_hint") }),
    { type: "input", block_id: intakeInputs.category, label: plain(t("staff:card.category")), element: { type: "static_select", action_id: intakeInputs.category, options: categories } },
    textInput(intakeInputs.description, t("staff:card.description"), { multiline: true }),
    textInput(intakeInputs.preferredTime, t("staff:card.preferred_time")),
  );
  return modal(intakeViewIds.details, t("staff:intake.title"), blocks, t, encodeValue(input.metadata));
}

/** The receipt that replaces the form: the number to tell the caller. */
export function intakeDoneModal(number: string, t: Translate): types.ModalView {
  return modal(intakeViewIds.done, t("staff:intake.title"), [{ type: "section", text: mrkdwn(escapeMrkdwn(t("staff:intake.done", { number }))) }], t, "", false);
}
