import type { types, ViewStateValue } from "@slack/bolt";
import { z } from "zod";
import { PhoneSchema, type Resident, type Unit } from "../../../core/domain/registry.js";
import { encodeValue } from "../interaction-values.js";
import { context, escapeMrkdwn, maskPhone, mrkdwn, plain, type Translate, truncate, unitLabel } from "./format.js";

/**
 * `callback_id`s of the front desk's form: the kind, channel and unit first, then the caller and
 * the request, then its receipt. Whatever the kind, so a form left open over a deployment still
 * reaches its listener.
 */
export const intakeViewIds = { unit: "request.intake_unit", details: "request.intake_details", done: "request.intake_done" } as const;

/**
 * Block and action ids of the form's shared fields (distinct from every other modal's). A kind's
 * own fields use ids of its own, `intake_…` too, declared in its folder.
 */
export const intakeInputs = {
  kind: "intake_kind",
  channel: "intake_channel",
  building: "intake_building",
  unit: "intake_unit",
  caller: "intake_caller",
  newName: "intake_new_name",
  newPhone: "intake_new_phone",
} as const;

/** How a request reached the front desk when it was not the bot: a call, the counter, a letter (书面). */
export const intakeChannels = ["phone", "counter", "letter"] as const;
export const IntakeChannelSchema = z.enum(intakeChannels);
export type IntakeChannel = z.infer<typeof IntakeChannelSchema>;

/** What the details step carries from the unit step. */
export const IntakeMetadataSchema = z.object({ kind: z.string().min(1), channel: IntakeChannelSchema, building: z.string(), unit: z.string() });
export type IntakeMetadata = z.infer<typeof IntakeMetadataSchema>;

/** One kind the form offers under "What is it", with the channels it may be taken by. */
export interface IntakeChoice {
  kind: string;
  labelKey: string;
  channels: readonly IntakeChannel[];
}

/** `view.state.values` of a submitted modal, by block id then action id. */
export type IntakeValues = Record<string, Record<string, ViewStateValue>>;

/** Field errors by block id, as `response_action: "errors"` shows them under the fields. */
export type FieldErrors = Record<string, string>;

/** Reading a step's fields: what they say, or why the form stays open. */
export type IntakeRead<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** The parts of an input's state the form reads; anything else Slack sends is ignored. */
const FieldStateSchema = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_date: z.string().nullish(),
});

function fieldState(values: IntakeValues, blockId: string): z.infer<typeof FieldStateSchema> {
  const parsed = FieldStateSchema.safeParse(values[blockId]?.[blockId]);
  return parsed.success ? parsed.data : {};
}

/** The trimmed text of a text input, empty when left blank (or absent). Block and action ids are the same in this form. */
export function typedValue(values: IntakeValues, blockId: string): string {
  return (fieldState(values, blockId).value ?? "").trim();
}

/** The value of the option chosen in a select, undefined when none. */
export function selectedValue(values: IntakeValues, blockId: string): string | undefined {
  return fieldState(values, blockId).selected_option?.value ?? undefined;
}

/** The `YYYY-MM-DD` picked in a datepicker, undefined when none. */
export function selectedDate(values: IntakeValues, blockId: string): string | undefined {
  return fieldState(values, blockId).selected_date ?? undefined;
}

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

/** A text input whose block and action ids are the same, as the form's readers expect. */
export function textInput(blockId: string, label: string, options: { multiline?: boolean; optional?: boolean; hint?: string; maxLength?: number } = {}): types.KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label),
    optional: options.optional ?? false,
    element: {
      type: "plain_text_input",
      action_id: blockId,
      multiline: options.multiline ?? false,
      ...(options.maxLength ? { max_length: options.maxLength } : {}),
    },
    ...(options.hint ? { hint: plain(options.hint) } : {}),
  };
}

/** A select of `options` (value and shown text), the first chosen when `initialFirst`. */
export function selectInput(
  blockId: string,
  label: string,
  options: readonly { value: string; text: string }[],
  settings: { optional?: boolean; placeholder?: string; initialFirst?: boolean; hint?: string } = {},
): types.KnownBlock {
  const choices = options.slice(0, 100).map((option) => ({ text: plain(truncate(option.text, 75)), value: option.value }));
  return {
    type: "input",
    block_id: blockId,
    label: plain(label),
    optional: settings.optional ?? false,
    element: {
      type: "static_select",
      action_id: blockId,
      options: choices,
      ...(settings.placeholder ? { placeholder: plain(settings.placeholder) } : {}),
      ...(settings.initialFirst && choices[0] ? { initial_option: choices[0] } : {}),
    },
    ...(settings.hint ? { hint: plain(settings.hint) } : {}),
  };
}

/** A date picker, read with {@link selectedDate}. */
export function dateInput(blockId: string, label: string, settings: { optional?: boolean; hint?: string } = {}): types.KnownBlock {
  return {
    type: "input",
    block_id: blockId,
    label: plain(label),
    optional: settings.optional ?? false,
    element: { type: "datepicker", action_id: blockId },
    ...(settings.hint ? { hint: plain(settings.hint) } : {}),
  };
}

/** Every channel some kind is taken by, in the order of {@link intakeChannels}. */
function offeredChannels(choices: readonly IntakeChoice[]): IntakeChannel[] {
  return intakeChannels.filter((channel) => choices.some((choice) => choice.channels.includes(channel)));
}

/**
 * Step 1 of the front desk's form (global shortcut `new_request`): what the request is, how it
 * came, and the unit. A channel only some kinds are taken by says so in the hint (a letter: a
 * complaint), and the submission refuses the other kinds on that field.
 */
export function intakeUnitModal(choices: readonly IntakeChoice[], t: Translate): types.ModalView {
  const channels = offeredChannels(choices);
  const limits = channels
    .filter((channel) => !choices.every((choice) => choice.channels.includes(channel)))
    .map((channel) => t("staff:intake.channel_only", {
      channel: t(`staff:intake.channels.${channel}`),
      kinds: choices.filter((choice) => choice.channels.includes(channel)).map((choice) => t(choice.labelKey)).join(t("staff:intake.list_separator")),
    }));
  return modal(intakeViewIds.unit, t("staff:intake.title"), [
    selectInput(intakeInputs.kind, t("staff:intake.kind"), choices.map((choice) => ({ value: choice.kind, text: t(choice.labelKey) })), { initialFirst: true }),
    selectInput(intakeInputs.channel, t("staff:intake.channel"), channels.map((value) => ({ value, text: t(`staff:intake.channels.${value}`) })), {
      initialFirst: true,
      ...(limits.length > 0 ? { hint: limits.join(" ") } : {}),
    }),
    textInput(intakeInputs.building, t("staff:intake.building")),
    textInput(intakeInputs.unit, t("staff:intake.unit")),
  ], t);
}

/**
 * Reads step 1: the kind among `choices`, a channel that kind is taken by, and the address. A
 * refusal names the field to correct. A form without the kind's field (opened before it existed)
 * is the first kind's, as it was then; a kind no longer offered is refused on that field.
 */
export function readIntakeUnitStep<C extends IntakeChoice>(
  values: IntakeValues,
  choices: readonly C[],
  t: Translate,
): IntakeRead<{ choice: C; channel: IntakeChannel; building: string; unit: string }> {
  const kind = selectedValue(values, intakeInputs.kind) ?? choices[0]?.kind;
  const choice = choices.find((candidate) => candidate.kind === kind);
  if (!choice) return { ok: false, errors: { [intakeInputs.kind]: t("staff:intake.kind_required") } };
  const channel = IntakeChannelSchema.safeParse(selectedValue(values, intakeInputs.channel) ?? choice.channels[0]);
  if (!channel.success) return { ok: false, errors: { [intakeInputs.channel]: t("staff:intake.required") } };
  if (!choice.channels.includes(channel.data)) {
    const allowed = choice.channels.map((value) => t(`staff:intake.channels.${value}`)).join(t("staff:intake.or"));
    return { ok: false, errors: { [intakeInputs.channel]: t("staff:intake.channel_not_for", { channel: t(`staff:intake.channels.${channel.data}`), kind: t(choice.labelKey), allowed }) } };
  }
  const building = typedValue(values, intakeInputs.building);
  const unit = typedValue(values, intakeInputs.unit);
  if (!building || !unit) return { ok: false, errors: { [building ? intakeInputs.unit : intakeInputs.building]: t("staff:intake.required") } };
  return { ok: true, value: { choice, channel: channel.data, building, unit } };
}

/**
 * Step 2: the caller among the unit's residents (names with masked phones), or a new name and
 * phone; then the kind's own `fields`, as the owner would describe the request in the bot.
 */
export function intakeDetailsModal(
  input: { unit: Unit; residents: Resident[]; metadata: IntakeMetadata; kindLabel: string; fields: types.KnownBlock[] },
  t: Translate,
): types.ModalView {
  const residents = input.residents.map((resident) => ({ text: `${resident.name} ${maskPhone(resident.phone)} · ${t(`staff:intake.roles.${resident.role}`)}`, value: resident.id }));
  const heading = [unitLabel(input.unit), input.kindLabel, t(`staff:intake.channels.${input.metadata.channel}`)].map(escapeMrkdwn);
  const blocks: types.KnownBlock[] = [{ type: "section", text: mrkdwn(`*${heading[0]}* · ${heading.slice(1).join(" · ")}`) }];
  if (residents.length > 0) {
    blocks.push(selectInput(intakeInputs.caller, t("staff:intake.caller"), residents, { optional: true, placeholder: t("staff:intake.caller_placeholder") }));
  }
  blocks.push(
    context(t(residents.length > 0 ? "staff:intake.new_caller_hint" : "staff:intake.no_residents")),
    textInput(intakeInputs.newName, t("staff:intake.new_name"), { optional: true }),
    textInput(intakeInputs.newPhone, t("staff:intake.new_phone"), { optional: true, hint: t("staff:intake.phone_hint") }),
    ...input.fields,
  );
  return modal(intakeViewIds.details, t("staff:intake.title"), blocks, t, encodeValue(input.metadata));
}

/** The caller the front desk names: one of the unit's residents, or someone new with a name and a phone. */
export type IntakeCaller = { residentId: string } | { name: string; phone: string };

/** Reads the caller part of step 2: the chosen resident wins over a typed name. */
export function readIntakeCaller(values: IntakeValues, t: Translate): IntakeRead<IntakeCaller> {
  const residentId = selectedValue(values, intakeInputs.caller);
  if (residentId) return { ok: true, value: { residentId } };
  const name = typedValue(values, intakeInputs.newName);
  if (!name) return { ok: false, errors: { [intakeInputs.newName]: t("staff:intake.caller_required") } };
  const phone = PhoneSchema.safeParse(typedValue(values, intakeInputs.newPhone));
  if (!phone.success) return { ok: false, errors: { [intakeInputs.newPhone]: t("staff:intake.phone_hint") } };
  return { ok: true, value: { name, phone: phone.data } };
}

/** The receipt that replaces the form: the number to tell the caller, in the kind's words. */
export function intakeDoneModal(text: string, t: Translate): types.ModalView {
  return modal(intakeViewIds.done, t("staff:intake.title"), [{ type: "section", text: mrkdwn(escapeMrkdwn(text)) }], t, "", false);
}
