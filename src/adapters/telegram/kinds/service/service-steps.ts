import { InlineKeyboard } from "grammy";
import type { z } from "zod";
import { formatFen } from "../../../../core/domain/money.js";
import type { PriceItem } from "../../../../core/domain/prices.js";
import { type ServiceType, serviceTypes } from "../../../../core/kinds/service/details.js";
import { serviceRequestFields } from "../../../../core/kinds/service/new-service.js";
import { serviceTeamOf, type ServiceTeam } from "../../../../core/kinds/service/service-types.js";
import { encodeCallbackData, ServiceTeamSchema, type ServiceStep } from "../../callback-data.js";
import type { Dialog } from "../../conversations/dialog.js";

/** The core's rules for the owner's answers, so a problem is told at its step, not at submit. */
export const serviceFields = {
  areaM2: serviceRequestFields.areaM2.unwrap().unwrap(),
  hours: serviceRequestFields.hours.unwrap().unwrap(),
  specialRequests: serviceRequestFields.specialRequests.unwrap(),
  preferredTime: serviceRequestFields.preferredTime,
};

/** The hours offered as buttons for an hourly clean; any other number may be typed. */
const hourButtons = [2, 3, 4] as const;

/** An item's price per its unit, in the owner's language: "¥50.00 per hour". */
export function unitPrice(dialog: Pick<Dialog, "t">, item: Pick<PriceItem, "priceFen" | "pricingUnit">): string {
  return dialog.t(`owner:services.per_unit.${item.pricingUnit}`, { price: formatFen(item.priceFen) });
}

/** The item's name in the owner's language. */
export function itemName(dialog: Pick<Dialog, "locale">, item: Pick<PriceItem, "nameZh" | "nameEn">): string {
  return dialog.locale === "en" ? item.nameEn : item.nameZh;
}

/** A quantity as typed or pressed: "89.5", "89,5", "90 m²", "90平米", "3h", "3 小时"; null when no number can be read. */
export function readQuantity(text: string): number | null {
  const match = /^\s*([-+]?\d+(?:[.,]\d+)?)\s*(?:m²|m2|㎡|sqm|平方米|平米|平|h|hours?|hrs?|个?小时|钟头?)?\s*$/i.exec(text);
  return match?.[1] === undefined ? null : Number(match[1].replace(",", "."));
}

/** Cleaning or greening. */
export async function askTeam(dialog: Dialog): Promise<ServiceTeam> {
  const keyboard = new InlineKeyboard();
  for (const team of ServiceTeamSchema.options) keyboard.text(dialog.t(`owner:services.teams.${team}`), encodeCallbackData({ type: "service_team", team }));
  const prompt = await dialog.say(dialog.t("owner:services.ask_team"), { reply_markup: keyboard });
  const team = await dialog.choose((answer) => (answer.kind === "button" && answer.data.type === "service_team" ? answer.data.team : undefined), "owner:report.use_buttons");
  await dialog.settle(prompt, dialog.t(`owner:services.teams.${team}`));
  return team;
}

/** The team's kinds of service, one per row. */
export async function askType(dialog: Dialog, team: ServiceTeam): Promise<ServiceType> {
  const offered = serviceTypes.filter((serviceType) => serviceTeamOf(serviceType) === team);
  const keyboard = new InlineKeyboard();
  for (const serviceType of offered) keyboard.text(dialog.t(`owner:services.types.${serviceType}`), encodeCallbackData({ type: "service_type", serviceType })).row();
  const prompt = await dialog.say(dialog.t("owner:services.ask_type"), { reply_markup: keyboard });
  const serviceType = await dialog.choose(
    (answer) => (answer.kind === "button" && answer.data.type === "service_type" && offered.includes(answer.data.serviceType) ? answer.data.serviceType : undefined),
    "owner:report.use_buttons",
  );
  await dialog.settle(prompt, dialog.t(`owner:services.types.${serviceType}`));
  return serviceType;
}

/** The item of the standard, where the type offers several: its name and price per unit, the cheapest first. */
export async function askItem(dialog: Dialog, items: readonly PriceItem[]): Promise<PriceItem> {
  const [only] = items;
  if (items.length === 1 && only) return only;
  const label = (item: PriceItem) => dialog.t("owner:services.item_button", { name: itemName(dialog, item), price: unitPrice(dialog, item) });
  const keyboard = new InlineKeyboard();
  for (const item of [...items].sort((a, b) => a.priceFen - b.priceFen)) keyboard.text(label(item), encodeCallbackData({ type: "price_item", code: item.code })).row();
  const prompt = await dialog.say(dialog.t("owner:services.ask_item"), { reply_markup: keyboard });
  const chosen = await dialog.choose((answer) => {
    if (answer.kind !== "button" || answer.data.type !== "price_item") return undefined;
    const { code } = answer.data;
    return items.find((item) => item.code === code);
  }, "owner:report.use_buttons");
  await dialog.settle(prompt, label(chosen));
  return chosen;
}

/**
 * A number the owner presses or types, checked by `rule`: a text that is no number and a number
 * out of range each get their own reason, and the question stays open.
 */
async function askNumber(dialog: Dialog, field: "area" | "hours", rule: z.ZodNumber, prompt: { key: string; keyboard: InlineKeyboard | undefined }): Promise<number> {
  const message = await dialog.say(dialog.t(prompt.key), prompt.keyboard ? { reply_markup: prompt.keyboard } : undefined);
  for (;;) {
    const read = await dialog.choose<{ value: number | null }>((answer) => {
      if (answer.kind === "button") return answer.data.type === "quantity" ? { value: readQuantity(answer.data.value) } : undefined;
      return answer.kind === "text" ? { value: readQuantity(answer.text) } : undefined;
    }, `owner:services.${field}_refused.not_a_number`);
    if (read.value === null) {
      await dialog.say(dialog.t(`owner:services.${field}_refused.not_a_number`));
      continue;
    }
    if (!rule.safeParse(read.value).success) {
      await dialog.say(dialog.t(`owner:services.${field}_refused.out_of_range`, { max: rule.maxValue ?? "" }));
      continue;
    }
    if (prompt.keyboard) await dialog.settle(message, quantityLabel(dialog, field, read.value));
    return read.value;
  }
}

/** "89.5 m²", "3 hours". */
export function quantityLabel(dialog: Pick<Dialog, "t">, field: "area" | "hours", value: number): string {
  return dialog.t(field === "area" ? "owner:services.area_value" : "owner:services.hours_value", { value: String(value), count: value });
}

/** The floor area: the unit's as a button when the register has it, or another typed number. */
export function askArea(dialog: Dialog, defaultAreaM2: number | null): Promise<number> {
  const keyboard =
    defaultAreaM2 === null ? undefined : new InlineKeyboard().text(quantityLabel(dialog, "area", defaultAreaM2), encodeCallbackData({ type: "quantity", value: String(defaultAreaM2) }));
  return askNumber(dialog, "area", serviceFields.areaM2, { key: keyboard ? "owner:services.ask_area" : "owner:services.ask_area_typed", keyboard });
}

/** The hours of an hourly clean: 2, 3 or 4 as buttons, or another typed number. */
export function askHours(dialog: Dialog): Promise<number> {
  const keyboard = new InlineKeyboard();
  for (const hours of hourButtons) keyboard.text(quantityLabel(dialog, "hours", hours), encodeCallbackData({ type: "quantity", value: String(hours) }));
  return askNumber(dialog, "hours", serviceFields.hours, { key: "owner:services.ask_hours", keyboard });
}

/** The owner's special requests, or Skip (""). */
export async function askRequests(dialog: Dialog): Promise<string> {
  const keyboard = new InlineKeyboard().text(dialog.t("owner:services.skip"), encodeCallbackData({ type: "skip", field: "requests" }));
  const prompt = await dialog.say(dialog.t("owner:services.ask_requests"), { reply_markup: keyboard });
  const requests = await dialog.choose<{ text: string }>((answer) => {
    if (answer.kind === "button") return answer.data.type === "skip" && answer.data.field === "requests" ? { text: "" } : undefined;
    if (answer.kind !== "text") return undefined;
    const parsed = serviceFields.specialRequests.safeParse(answer.text);
    return parsed.success && parsed.data !== "" ? { text: parsed.data } : undefined;
  }, "owner:services.requests_hint");
  await dialog.settle(prompt, requests.text === "" ? dialog.t("owner:services.requests_none") : requests.text);
  return requests.text;
}

/** Preferred dates and times in the owner's words (a wish: the team proposes the time); `promptKey` says what for. */
export async function askWish(dialog: Dialog, promptKey: string): Promise<string> {
  await dialog.say(dialog.t(promptKey));
  return dialog.choose((answer) => {
    if (answer.kind !== "text") return undefined;
    const parsed = serviceFields.preferredTime.safeParse(answer.text);
    return parsed.success ? parsed.data : undefined;
  }, "owner:services.time_hint");
}

/** Which answer to change from the summary; only the steps this booking has. */
export async function askStepToEdit(dialog: Dialog, steps: readonly ServiceStep[]): Promise<ServiceStep> {
  const keyboard = new InlineKeyboard();
  steps.forEach((step, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    keyboard.text(dialog.t(`owner:services.steps.${step}`), encodeCallbackData({ type: "service_edit", step }));
  });
  const prompt = await dialog.say(dialog.t("owner:services.ask_edit"), { reply_markup: keyboard });
  const step = await dialog.choose((answer) => (answer.kind === "button" && answer.data.type === "service_edit" && steps.includes(answer.data.step) ? answer.data.step : undefined), "owner:report.use_buttons");
  await dialog.settle(prompt, dialog.t(`owner:services.steps.${step}`));
  return step;
}
