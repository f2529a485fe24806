import { formatFen } from "../../../../core/domain/money.js";
import type { PriceItem } from "../../../../core/domain/prices.js";
import type { ServiceType } from "../../../../core/kinds/service/details.js";
import { estimateService } from "../../../../core/kinds/service/estimate.js";
import { serviceTypeDefinitions } from "../../../../core/kinds/service/service-types.js";
import { bookService } from "../../../../core/kinds/service/use-cases/book-service.js";
import { getServiceOptions } from "../../../../core/kinds/service/use-cases/get-service-options.js";
import type { ServiceStep } from "../../callback-data.js";
import type { ConversationContext, OwnerBotDeps } from "../../context.js";
import { Dialog, type OwnerConversation } from "../../conversations/dialog.js";
import type { OwnUnitsStart } from "../../features/intake-entry.js";
import { askOwnUnit, unitLabel } from "../../conversations/steps/location.js";
import { submitRequest } from "../../conversations/steps/submit.js";
import { askSummaryChoice } from "../../conversations/steps/summary.js";
import { attempt } from "../../errors.js";
import { askArea, askHours, askItem, askRequests, askStepToEdit, askTeam, askType, askWish, itemName, quantityLabel, unitPrice } from "./service-steps.js";

export const serviceConversationId = "service";

/** The service chosen: its type and the standard's item, with the quantity its price needs. */
interface ServiceChoice {
  serviceType: ServiceType;
  item: PriceItem;
  areaM2: number | null;
  hours: number | null;
}

interface ServiceDraft extends ServiceChoice {
  unitId: string;
  specialRequests: string;
  preferredTime: string;
}

/**
 * The booking of a paid home service (PROCEDURES.md §4, 登记): cleaning or greening, the type,
 * the standard's item, the area or hours its price needs, special requests and the preferred
 * time; then a summary with the standard's estimate (or that it is priced on site) to submit,
 * edit or cancel. An owner of several units names the unit first: the area defaults from it.
 * Replayed from its log on every update, so every core call is in `conversation.external`.
 */
export function createServiceConversation(deps: OwnerBotDeps) {
  return async function service(conversation: OwnerConversation, ctx: ConversationContext, start: OwnUnitsStart): Promise<void> {
    const dialog = new Dialog(conversation, ctx, start.locale, deps);
    const mainMenu = () => deps.menu.keyboard((key) => dialog.t(key));
    const askUnit = () => askOwnUnit(dialog, start.units, "owner:services.ask_unit");

    /** Team, type and item; null when the standard offers nothing for the type (the owner is told). */
    const chooseService = async (unitId: string): Promise<ServiceChoice | null> => {
      const serviceType = await askType(dialog, await askTeam(dialog));
      const options = await conversation.external(() => attempt(() => getServiceOptions(deps.workflow, { serviceType, unitId })));
      if (!options.ok) {
        await dialog.say(dialog.t(`common:errors.${options.code}`, options.params));
        return null;
      }
      if (options.value.items.length === 0) {
        await dialog.say(dialog.t("owner:services.none_offered"), { reply_markup: mainMenu() });
        return null;
      }
      const item = await askItem(dialog, options.value.items);
      return { serviceType, item, ...(await askQuantity(dialog, item, options.value.defaultAreaM2)) };
    };

    await dialog.say(dialog.t("owner:services.intro"));
    const unitId = await askUnit();
    const chosen = await chooseService(unitId);
    if (!chosen) return;
    const draft: ServiceDraft = {
      ...chosen,
      unitId,
      specialRequests: await askRequests(dialog),
      preferredTime: await askTime(dialog, chosen.serviceType),
    };

    for (;;) {
      const choice = await review(dialog, draft, start.units);
      if (choice === "cancel") {
        await dialog.say(dialog.t("owner:services.cancelled"), { reply_markup: mainMenu() });
        return;
      }
      if (choice === "edit") {
        const step = await askStepToEdit(dialog, editableSteps(draft, start.units.length > 1));
        if (step === "service") {
          const again = await chooseService(draft.unitId);
          if (!again) return;
          Object.assign(draft, again);
        }
        if (step === "quantity") {
          const options = await conversation.external(() => attempt(() => getServiceOptions(deps.workflow, { serviceType: draft.serviceType, unitId: draft.unitId })));
          Object.assign(draft, await askQuantity(dialog, draft.item, options.ok ? options.value.defaultAreaM2 : null));
        }
        if (step === "requests") draft.specialRequests = await askRequests(dialog);
        if (step === "time") draft.preferredTime = await askTime(dialog, draft.serviceType);
        if (step === "unit") draft.unitId = await askUnit();
        continue;
      }
      const submitted = await submitRequest(dialog, deps, {
        conversationId: serviceConversationId,
        submittedKey: "owner:services.submitted",
        submit: () =>
          bookService(deps.workflow, {
            ownerUserId: dialog.userId,
            unitId: draft.unitId,
            serviceType: draft.serviceType,
            priceCode: draft.item.code,
            areaM2: draft.areaM2,
            hours: draft.hours,
            specialRequests: draft.specialRequests,
            preferredTime: draft.preferredTime,
          }),
      });
      if (submitted === "done") return;
    }
  };
}

/** The area for a price per m², the hours for an hourly price; nothing for a visit or a month. */
async function askQuantity(dialog: Dialog, item: PriceItem, defaultAreaM2: number | null): Promise<Pick<ServiceChoice, "areaM2" | "hours">> {
  if (item.pricingUnit === "m2") return { areaM2: await askArea(dialog, defaultAreaM2), hours: null };
  if (item.pricingUnit === "hour") return { areaM2: null, hours: await askHours(dialog) };
  return { areaM2: null, hours: null };
}

/** A package's visits recur, so its owner says which days and times suit them; a one-off, when. */
function askTime(dialog: Dialog, serviceType: ServiceType): Promise<string> {
  return askWish(dialog, serviceTypeDefinitions[serviceType].isPackage ? "owner:services.ask_time_package" : "owner:services.ask_time");
}

function editableSteps(draft: ServiceDraft, severalUnits: boolean): ServiceStep[] {
  const hasQuantity = draft.item.pricingUnit === "m2" || draft.item.pricingUnit === "hour";
  return ["service", ...(hasQuantity ? (["quantity"] as const) : []), "requests", "time", ...(severalUnits ? (["unit"] as const) : [])];
}

/** The estimate line: the standard's price times the quantity, or priced on site (with the guide price when the standard gives one). */
function estimateLine(dialog: Dialog, draft: ServiceDraft): string {
  const { estimateFen } = estimateService(draft.item, { areaM2: draft.areaM2, hours: draft.hours });
  if (estimateFen !== null) {
    const key = serviceTypeDefinitions[draft.serviceType].isPackage ? "owner:services.summary.estimate_month" : "owner:services.summary.estimate";
    return dialog.t(key, { amount: formatFen(estimateFen) });
  }
  if (draft.item.priceFen > 0) return dialog.t("owner:services.summary.onsite_guide", { price: unitPrice(dialog, draft.item) });
  return dialog.t("owner:services.summary.onsite");
}

/** The summary with Submit / Edit / Cancel. */
async function review(dialog: Dialog, draft: ServiceDraft, units: OwnUnitsStart["units"]): Promise<"submit" | "edit" | "cancel"> {
  const unit = units.find((candidate) => candidate.unitId === draft.unitId);
  const line = (field: string, value: string) => dialog.t(`owner:services.summary.${field}`, { value });
  const lines = [
    dialog.t("owner:services.summary.title"),
    line("service", dialog.t(`owner:services.types.${draft.serviceType}`)),
    line("item", dialog.t("owner:services.item_button", { name: itemName(dialog, draft.item), price: unitPrice(dialog, draft.item) })),
    ...(draft.areaM2 === null ? [] : [line("area", quantityLabel(dialog, "area", draft.areaM2))]),
    ...(draft.hours === null ? [] : [line("hours", quantityLabel(dialog, "hours", draft.hours))]),
    line("requests", draft.specialRequests === "" ? dialog.t("owner:services.requests_none") : draft.specialRequests),
    line("time", draft.preferredTime),
    line("unit", unit ? unitLabel(dialog, unit) : ""),
    estimateLine(dialog, draft),
    dialog.t("owner:services.summary.time_note"),
  ];
  return askSummaryChoice(dialog, lines.join("\n"));
}
