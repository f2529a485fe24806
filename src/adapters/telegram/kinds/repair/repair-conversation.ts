import type { Locale } from "../../../../core/domain/registry.js";
import type { RepairCategory } from "../../../../core/kinds/repair/details.js";
import { reportRepair } from "../../../../core/kinds/repair/use-cases/report-repair.js";
import type { ConversationContext, OwnerBotDeps } from "../../context.js";
import { Dialog, type OwnerConversation } from "../../conversations/dialog.js";
import { askLocation, type OwnerLocation, type OwnerUnitChoice, unitLabel } from "../../conversations/steps/location.js";
import { askPhotos } from "../../conversations/steps/photos.js";
import { askPreferredTime, conversationClock, type ConversationClock } from "../../conversations/steps/preferred-time.js";
import { submitRequest } from "../../conversations/steps/submit.js";
import { askSummaryChoice } from "../../conversations/steps/summary.js";
import { askCategory, askDescription, askStepToEdit, maxPhotos, repairFields } from "./repair-steps.js";

export const repairConversationId = "repair";

/** What `/repair` passes at enter (persisted as JSON with the conversation). */
export interface RepairStart {
  locale: Locale;
  units: OwnerUnitChoice[];
  /** The owner's own words, when they reported free text they had typed: not asked again. */
  description?: string;
}

interface RepairDraft extends OwnerLocation {
  category: RepairCategory;
  description: string;
  photos: string[];
  preferredTime: string;
}

/**
 * The repair intake (报修): category, description, photos, location, preferred time, then a
 * summary to submit, edit or cancel. Replayed from its log on every update, so every core call
 * is in `conversation.external` and returns plain JSON; the state lives in the database, so a
 * restart mid-conversation continues where the owner was.
 */
export function createRepairConversation(deps: OwnerBotDeps) {
  return async function repair(conversation: OwnerConversation, ctx: ConversationContext, start: RepairStart): Promise<void> {
    const dialog = new Dialog(conversation, ctx, start.locale, deps);
    const clock = conversationClock(conversation, deps.workflow);
    const mainMenu = () => deps.menu.keyboard((key) => dialog.t(key));
    await dialog.say(dialog.t("owner:report.intro"));
    const draft: RepairDraft = {
      category: await askCategory(dialog),
      description: start.description ?? (await askDescription(dialog)),
      photos: await askPhotos(dialog, maxPhotos),
      ...(await askLocation(dialog, start.units, repairFields.publicArea)),
      preferredTime: await askTime(dialog, clock),
    };

    for (;;) {
      const choice = await review(dialog, draft, start.units);
      if (choice === "cancel") {
        await dialog.say(dialog.t("owner:report.cancelled"), { reply_markup: mainMenu() });
        return;
      }
      if (choice === "edit") {
        const step = await askStepToEdit(dialog);
        if (step === "category") draft.category = await askCategory(dialog);
        if (step === "description") draft.description = await askDescription(dialog);
        if (step === "photos") draft.photos = await askPhotos(dialog, maxPhotos);
        if (step === "location") Object.assign(draft, await askLocation(dialog, start.units, repairFields.publicArea));
        if (step === "time") draft.preferredTime = await askTime(dialog, clock);
        continue;
      }
      const submitted = await submitRequest(dialog, deps, {
        conversationId: repairConversationId,
        submittedKey: "owner:report.submitted",
        submit: () => reportRepair(deps.workflow, { ownerUserId: dialog.userId, ...draft }),
      });
      if (submitted === "done") return;
    }
  };
}

function askTime(dialog: Dialog, clock: ConversationClock): Promise<string> {
  return askPreferredTime(dialog, clock, { promptKey: "owner:report.ask_time", text: repairFields.preferredTime });
}

/** The summary with Submit / Edit / Cancel; an out-of-warranty unit is told the repair is paid. */
async function review(dialog: Dialog, draft: RepairDraft, units: readonly OwnerUnitChoice[]): Promise<"submit" | "edit" | "cancel"> {
  const unit = units.find((candidate) => candidate.unitId === draft.unitId);
  // Mirrors the core's rule: public-area repairs and units in warranty are free.
  const paid = draft.publicArea === null && unit !== undefined && !unit.inWarranty;
  const lines = [
    dialog.t("owner:report.summary.title"),
    dialog.t("owner:report.summary.category", { category: dialog.t(`common:category.${draft.category}`) }),
    dialog.t("owner:report.summary.description", { description: draft.description }),
    dialog.t("owner:report.summary.photos", { count: draft.photos.length }),
    draft.publicArea === null
      ? dialog.t("owner:report.summary.location_own", { unit: unit ? unitLabel(dialog, unit) : "" })
      : dialog.t("owner:report.summary.location_public", { place: draft.publicArea }),
    dialog.t("owner:report.summary.time", { time: draft.preferredTime }),
    dialog.t("owner:report.summary.billing", { billing: dialog.t(`common:billing.${paid ? "paid" : "warranty"}`) }),
  ];
  if (paid) lines.push("", dialog.t("owner:report.summary.paid_notice"));
  return askSummaryChoice(dialog, lines.join("\n"));
}
