import type { types } from "@slack/bolt";
import { z } from "zod";
import type { PriceItem } from "../../../../core/domain/prices.js";
import { type ServiceType, ServiceTypeSchema } from "../../../../core/kinds/service/details.js";
import { plain, type Translate, truncate } from "../../blocks/format.js";
import { type FieldErrors, type IntakeRead, type IntakeValues, selectedValue, textInput, typedValue } from "../../blocks/intake-form.js";
import { itemName } from "./service-text.js";

/** Block and action ids of the service's fields in the front desk's form. */
export const serviceIntakeInputs = {
  service: "intake_service_item",
  area: "intake_service_area",
  hours: "intake_service_hours",
  specialRequests: "intake_service_requests",
  preferredTime: "intake_service_preferred_time",
} as const;

/** The items each service type offers, as the form lists them under the type. */
export type ServiceChoices = { serviceType: ServiceType; items: PriceItem[] }[];

/** What the front desk records of a service order: the type and item, the size, the requests and the owner's wish. */
export interface ServiceIntakeInput {
  serviceType: ServiceType;
  priceCode: string;
  areaM2: number | null;
  hours: number | null;
  specialRequests: string;
  preferredTime: string;
}

/** The chosen option's value: the type and the item's code, so a type is never paired with another type's item. */
const ChoiceSchema = z.string().transform((value, ctx) => {
  const [type, code] = value.split(":");
  const serviceType = ServiceTypeSchema.safeParse(type);
  if (!serviceType.success || !code) {
    ctx.addIssue({ code: "custom", message: "not a service choice" });
    return z.NEVER;
  }
  return { serviceType: serviceType.data, priceCode: code };
});

const NumberTextSchema = z.string().regex(/^\d{1,5}(\.\d{1,2})?$/).transform(Number).refine((value) => value > 0);

/**
 * The service's part of step 2: the service and its item in one choice (grouped by type, so a
 * type is never paired with another's item), the area (the unit's when blank) or hours, the
 * special requests and the owner's preferred time, which is a wish and not an appointment.
 */
export function serviceIntakeFields(choices: ServiceChoices, t: Translate): types.KnownBlock[] {
  const groups = choices
    .filter((choice) => choice.items.length > 0)
    .map((choice) => ({
      label: plain(truncate(t(`staff:service.types.${choice.serviceType}`), 75)),
      options: choice.items.slice(0, 100).map((item) => ({ text: plain(truncate(itemName(item, t), 75)), value: `${choice.serviceType}:${item.code}` })),
    }));
  const select: types.KnownBlock = {
    type: "input",
    block_id: serviceIntakeInputs.service,
    label: plain(t("staff:service.intake.service")),
    element: { type: "static_select", action_id: serviceIntakeInputs.service, placeholder: plain(t("staff:service.intake.service_placeholder")), option_groups: groups },
  };
  return [
    select,
    textInput(serviceIntakeInputs.area, t("staff:service.intake.area"), { optional: true, maxLength: 8, hint: t("staff:service.intake.area_hint") }),
    textInput(serviceIntakeInputs.hours, t("staff:service.intake.hours"), { optional: true, maxLength: 5, hint: t("staff:service.intake.hours_hint") }),
    textInput(serviceIntakeInputs.specialRequests, t("staff:service.intake.special_requests"), { optional: true, multiline: true, maxLength: 1000 }),
    textInput(serviceIntakeInputs.preferredTime, t("staff:service.intake.preferred_time"), { maxLength: 200, hint: t("staff:service.intake.preferred_time_hint") }),
  ];
}

/** Reads the service's fields, every wrong one at once; the core checks the item against the type again. */
export function readServiceIntake(values: IntakeValues, t: Translate): IntakeRead<ServiceIntakeInput> {
  const errors: FieldErrors = {};
  const choice = ChoiceSchema.safeParse(selectedValue(values, serviceIntakeInputs.service));
  if (!choice.success) errors[serviceIntakeInputs.service] = t("staff:service.intake.service_required");
  const size = (id: string): number | null => {
    const typed = typedValue(values, id);
    if (!typed) return null;
    const parsed = NumberTextSchema.safeParse(typed);
    if (!parsed.success) errors[id] = t("staff:service.intake.number_invalid");
    return parsed.success ? parsed.data : null;
  };
  const areaM2 = size(serviceIntakeInputs.area);
  const hours = size(serviceIntakeInputs.hours);
  const preferredTime = typedValue(values, serviceIntakeInputs.preferredTime);
  if (preferredTime.length === 0) errors[serviceIntakeInputs.preferredTime] = t("staff:intake.required");
  if (!choice.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { ...choice.data, areaM2, hours, specialRequests: typedValue(values, serviceIntakeInputs.specialRequests), preferredTime } };
}
