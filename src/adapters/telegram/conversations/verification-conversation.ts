import { InlineKeyboard } from "grammy";
import { z } from "zod";
import { normalizeBuilding, normalizeUnit } from "../../../core/domain/address.js";
import type { Locale } from "../../../core/domain/registry.js";
import { listBuildings } from "../../../core/use-cases/list-buildings.js";
import { requestVerification } from "../../../core/use-cases/request-verification.js";
import { encodeCallbackData, fitsCallbackData } from "../callback-data.js";
import type { ConversationContext, OwnerBotDeps } from "../context.js";
import { attempt } from "../errors.js";
import { type Answer, Dialog, type OwnerConversation } from "./dialog.js";

export const verificationConversationId = "verification";

export interface VerificationStart {
  locale: Locale;
}

const AddressPartSchema = z.string().trim().min(1).max(20);
/** Tries at typing the address before only the front desk is offered; a typo is the usual cause. */
const maxTries = 3;
/** Telegram draws at most about 100 buttons; a property with more buildings types its number. */
const maxBuildingButtons = 24;

function typed(answer: Answer): string | undefined {
  if (answer.kind !== "text") return undefined;
  const parsed = AddressPartSchema.safeParse(answer.text);
  return parsed.success ? parsed.data : undefined;
}

function buildingKeyboard(dialog: Dialog, buildings: readonly string[]): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  buildings.forEach((building, index) => {
    if (index > 0 && index % 4 === 0) keyboard.row();
    keyboard.text(dialog.t("owner:verify.building_button", { building }), encodeCallbackData({ type: "building", building }));
  });
  return keyboard;
}

/**
 * An owner whose phone is not in the registry names building and unit; the front desk gets a
 * card to approve. The register's buildings are buttons, and the usual ways of writing an
 * address ("五栋", "5号楼", "Building 5", "802室") are understood. An address the register lacks
 * is never a dead end: the owner may type it again or pass it, as typed, to the front desk.
 */
export function createVerificationConversation(deps: OwnerBotDeps) {
  return async function verification(conversation: OwnerConversation, ctx: ConversationContext, start: VerificationStart): Promise<void> {
    const dialog = new Dialog(conversation, ctx, start.locale, deps);
    const file = (building: string, unit: string, unlisted: boolean) =>
      conversation.external(() =>
        attempt(async () => {
          const request = await requestVerification(deps.workflow, { ownerUserId: dialog.userId, building, unit, unlisted });
          return { building: request.building, unit: request.unit };
        }),
      );
    // A building whose button Telegram cannot carry, or the bot could not read back, is typed instead.
    const buildings = (await conversation.external(() => listBuildings(deps.workflow)))
      .filter((building) => fitsCallbackData({ type: "building", building }))
      .slice(0, maxBuildingButtons);
    for (let tries = 1; ; tries += 1) {
      const prompt = await dialog.say(
        dialog.t(buildings.length > 0 ? "owner:verify.ask_building_choose" : "owner:verify.ask_building"),
        buildings.length > 0 ? { reply_markup: buildingKeyboard(dialog, buildings) } : undefined,
      );
      const building = await dialog.choose((answer) => (answer.kind === "button" ? (answer.data.type === "building" ? answer.data.building : undefined) : typed(answer)), "owner:verify.text_hint");
      if (buildings.length > 0) await dialog.settle(prompt, dialog.t("owner:verify.building_button", { building: normalizeBuilding(building) }));
      await dialog.say(dialog.t("owner:verify.ask_unit", { building: normalizeBuilding(building) }));
      const unit = await dialog.choose(typed, "owner:verify.text_hint");
      const result = await file(building, unit, false);
      if (result.ok) {
        await dialog.say(dialog.t("owner:verify.pending", result.value));
        return;
      }
      await dialog.say(dialog.t(`common:errors.${result.code}`, result.params));
      if (result.code !== "unit_not_found") return;
      const offer = new InlineKeyboard();
      if (tries < maxTries) offer.text(dialog.t("owner:verify.retry_button"), encodeCallbackData({ type: "verify", choice: "retry" }));
      offer.text(dialog.t("owner:verify.front_desk_button"), encodeCallbackData({ type: "verify", choice: "front_desk" }));
      const question = await dialog.say(dialog.t(tries < maxTries ? "owner:verify.not_found_offer" : "owner:verify.not_found_last"), { reply_markup: offer });
      const choice = await dialog.choose((answer) => (answer.kind === "button" && answer.data.type === "verify" ? answer.data.choice : undefined), "owner:report.use_buttons");
      await dialog.settle(question, dialog.t(choice === "retry" ? "owner:verify.retry_button" : "owner:verify.front_desk_button"));
      if (choice === "retry") continue;
      const passed = await file(building, unit, true);
      if (passed.ok) await dialog.say(dialog.t("owner:verify.passed_on", { building: normalizeBuilding(building), unit: normalizeUnit(unit) }));
      else await dialog.say(dialog.t(`common:errors.${passed.code}`, passed.params));
      return;
    }
  };
}
