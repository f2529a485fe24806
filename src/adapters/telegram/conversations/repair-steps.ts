import { InlineKeyboard } from "grammy";
import { RepairCategorySchema, type RepairCategory } from "../../../core/domain/ticket.js";
import { ReportRepairInputSchema } from "../../../core/use-cases/report-repair.js";
import { encodeCallbackData, PreferredSlotSchema, RepairStepSchema, type RepairStep } from "../callback-data.js";
import { slotDate } from "../preferred-time.js";
import type { Dialog } from "./dialog.js";

/** A unit the owner may report for, as passed (JSON) into the repair conversation. */
export interface OwnerUnitChoice {
  unitId: string;
  building: string;
  unit: string;
  inWarranty: boolean;
}

export interface RepairLocation {
  unitId: string;
  /** Null for the owner's own unit; otherwise where in the public area. */
  publicArea: string | null;
}

/** The property's clock, read through `conversation.external` so a replay sees the same instant. */
export interface ConversationClock {
  now(): Promise<Date>;
  timeZone: string;
}

/** The core accepts at most ten photos per repair. */
export const maxPhotos = 10;
const fields = ReportRepairInputSchema.shape;

/** A unit as the owner knows it ("3栋1202室", "Building 3, unit 1202"). */
export function unitLabel(dialog: Dialog, unit: Pick<OwnerUnitChoice, "building" | "unit">): string {
  return dialog.t("owner:report.unit_label", { building: unit.building, unit: unit.unit });
}

/** The repair categories of the core, as buttons two per row. */
export async function askCategory(dialog: Dialog): Promise<RepairCategory> {
  const keyboard = new InlineKeyboard();
  RepairCategorySchema.options.forEach((category, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    keyboard.text(dialog.t(`common:category.${category}`), encodeCallbackData({ type: "category", category }));
  });
  const prompt = await dialog.say(dialog.t("owner:report.ask_category"), { reply_markup: keyboard });
  const category = await dialog.choose((answer) => (answer.kind === "button" && answer.data.type === "category" ? answer.data.category : undefined), "owner:report.use_buttons");
  await dialog.settle(prompt, dialog.t(`common:category.${category}`));
  return category;
}

/** Free text, validated by the core's own schema so the owner hears about a problem here, not at submit. */
export async function askDescription(dialog: Dialog): Promise<string> {
  await dialog.say(dialog.t("owner:report.ask_description"));
  return dialog.choose((answer) => {
    if (answer.kind !== "text") return undefined;
    const parsed = fields.description.safeParse(answer.text);
    return parsed.success ? parsed.data : undefined;
  }, "owner:report.description_hint");
}

/** Several photos, then Done (or Skip); the largest size of each is kept, up to {@link maxPhotos}. */
export async function askPhotos(dialog: Dialog): Promise<string[]> {
  const keyboard = new InlineKeyboard()
    .text(dialog.t("owner:report.photos_done"), encodeCallbackData({ type: "photos", choice: "done" }))
    .text(dialog.t("owner:report.photos_skip"), encodeCallbackData({ type: "photos", choice: "skip" }));
  const prompt = await dialog.say(dialog.t("owner:report.ask_photos", { max: maxPhotos }), { reply_markup: keyboard });
  const photos: string[] = [];
  while (photos.length < maxPhotos) {
    const next = await dialog.choose((answer) => {
      if (answer.kind === "photo") return answer.fileId;
      if (answer.kind === "button" && answer.data.type === "photos") return null;
      return undefined;
    }, "owner:report.photos_hint");
    if (next === null) break;
    photos.push(next);
    if (photos.length < maxPhotos) await dialog.say(dialog.t("owner:report.photo_received", { count: photos.length }));
  }
  await dialog.settle(prompt, photos.length === 0 ? dialog.t("owner:report.photos_none") : dialog.t("owner:report.photos_count", { count: photos.length }));
  return photos;
}

/** The owner's own unit (choosing one when they have several) or the public area with a description. */
export async function askLocation(dialog: Dialog, units: readonly OwnerUnitChoice[]): Promise<RepairLocation> {
  const keyboard = new InlineKeyboard();
  for (const unit of units) {
    keyboard.text(dialog.t("owner:report.location_own", { unit: unitLabel(dialog, unit) }), encodeCallbackData({ type: "location", unitId: unit.unitId })).row();
  }
  keyboard.text(dialog.t("owner:report.location_public"), encodeCallbackData({ type: "location", unitId: null }));
  const prompt = await dialog.say(dialog.t(units.length > 1 ? "owner:report.ask_location_several" : "owner:report.ask_location"), { reply_markup: keyboard });
  const unitId = await dialog.choose((answer) => {
    if (answer.kind !== "button" || answer.data.type !== "location") return undefined;
    const { unitId: chosen } = answer.data;
    return chosen === null || units.some((unit) => unit.unitId === chosen) ? chosen : undefined;
  }, "owner:report.use_buttons");
  const own = units.find((unit) => unit.unitId === unitId);
  if (own) {
    await dialog.settle(prompt, unitLabel(dialog, own));
    return { unitId: own.unitId, publicArea: null };
  }
  await dialog.settle(prompt, dialog.t("owner:report.location_public"));
  await dialog.say(dialog.t("owner:report.ask_public_area"));
  const publicArea = await dialog.choose((answer) => {
    if (answer.kind !== "text") return undefined;
    const parsed = fields.publicArea.unwrap().safeParse(answer.text);
    return parsed.success ? parsed.data : undefined;
  }, "owner:report.public_area_hint");
  // The core files public-area repairs under the reporter's unit; they are never billed to them.
  return { unitId: units[0]?.unitId ?? "", publicArea };
}

/** Slot buttons, or the owner's own words. A slot is stored with its date so staff read a day, not "tomorrow". */
export async function askPreferredTime(dialog: Dialog, clock: ConversationClock, promptKey: string, params?: Record<string, string>): Promise<string> {
  const keyboard = new InlineKeyboard();
  PreferredSlotSchema.options.forEach((slot, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    keyboard.text(dialog.t(`owner:report.slots.${slot}`), encodeCallbackData({ type: "time", slot }));
  });
  const prompt = await dialog.say(dialog.t(promptKey, params), { reply_markup: keyboard });
  const choice = await dialog.choose<{ slot: (typeof PreferredSlotSchema.options)[number] } | { text: string }>((answer) => {
    if (answer.kind === "button" && answer.data.type === "time") return { slot: answer.data.slot };
    if (answer.kind !== "text") return undefined;
    const parsed = fields.preferredTime.safeParse(answer.text);
    return parsed.success ? { text: parsed.data } : undefined;
  }, "owner:report.time_hint");
  let preferredTime: string;
  if ("slot" in choice) {
    const date = slotDate(choice.slot, await clock.now(), clock.timeZone, dialog.locale);
    preferredTime = dialog.t("owner:report.slot_with_date", { slot: dialog.t(`owner:report.slots.${choice.slot}`), date });
  } else {
    preferredTime = choice.text;
  }
  await dialog.settle(prompt, preferredTime);
  return preferredTime;
}

/** Which answer to change from the summary; the other answers are kept. */
export async function askStepToEdit(dialog: Dialog): Promise<RepairStep> {
  const keyboard = new InlineKeyboard();
  RepairStepSchema.options.forEach((step, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    keyboard.text(dialog.t(`owner:report.steps.${step}`), encodeCallbackData({ type: "edit", step }));
  });
  const prompt = await dialog.say(dialog.t("owner:report.ask_edit"), { reply_markup: keyboard });
  const step = await dialog.choose((answer) => (answer.kind === "button" && answer.data.type === "edit" ? answer.data.step : undefined), "owner:report.use_buttons");
  await dialog.settle(prompt, dialog.t(`owner:report.steps.${step}`));
  return step;
}
