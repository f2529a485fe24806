import { InlineKeyboard } from "grammy";
import type { z } from "zod";
import { encodeCallbackData } from "../../callback-data.js";
import type { Dialog } from "../dialog.js";

/** A unit the owner may report for, as passed (JSON) into a conversation at enter. */
export interface OwnerUnitChoice {
  unitId: string;
  building: string;
  unit: string;
  inWarranty: boolean;
}

/** Where the request is: always a unit of the owner, and a public place when it is not inside it. */
export interface OwnerLocation {
  unitId: string;
  /** Null for the owner's own unit; otherwise where in the public area. */
  publicArea: string | null;
}

/** A unit as the owner knows it ("3栋1202室", "Building 3, unit 1202"). */
export function unitLabel(dialog: Dialog, unit: Pick<OwnerUnitChoice, "building" | "unit">): string {
  return dialog.t("owner:report.unit_label", { building: unit.building, unit: unit.unit });
}

/**
 * The owner's own unit (choosing one when they have several) or the public area with a
 * description, which must pass `place` (the use case's schema for it).
 */
export async function askLocation(dialog: Dialog, units: readonly OwnerUnitChoice[], place: z.ZodType<string>): Promise<OwnerLocation> {
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
    const parsed = place.safeParse(answer.text);
    return parsed.success ? parsed.data : undefined;
  }, "owner:report.public_area_hint");
  // The core files public-area requests under the reporter's unit; they are never billed to them.
  return { unitId: units[0]?.unitId ?? "", publicArea };
}

/**
 * One of the owner's units, for a request that is never in the public area (a complaint):
 * the location step's unit buttons without the public-area one. Asked only of an owner of
 * several units; with one, that unit is the answer.
 */
export async function askOwnUnit(dialog: Dialog, units: readonly Pick<OwnerUnitChoice, "unitId" | "building" | "unit">[], promptKey: string): Promise<string> {
  const [only] = units;
  if (units.length === 1 && only) return only.unitId;
  const keyboard = new InlineKeyboard();
  for (const unit of units) keyboard.text(unitLabel(dialog, unit), encodeCallbackData({ type: "location", unitId: unit.unitId })).row();
  const prompt = await dialog.say(dialog.t(promptKey), { reply_markup: keyboard });
  const chosen = await dialog.choose((answer) => {
    if (answer.kind !== "button" || answer.data.type !== "location") return undefined;
    const { unitId } = answer.data;
    return units.find((unit) => unit.unitId === unitId);
  }, "owner:report.use_buttons");
  await dialog.settle(prompt, unitLabel(dialog, chosen));
  return chosen.unitId;
}
