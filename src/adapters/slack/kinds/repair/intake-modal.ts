import type { types } from "@slack/bolt";
import { type RepairCategory, RepairCategorySchema } from "../../../../core/kinds/repair/details.js";
import type { Translate } from "../../blocks/format.js";
import { type FieldErrors, type IntakeRead, type IntakeValues, selectInput, selectedValue, textInput, typedValue } from "../../blocks/intake-form.js";

/** Block and action ids of the repair's fields in the front desk's form. */
export const repairIntakeInputs = {
  category: "intake_category",
  description: "intake_description",
  preferredTime: "intake_preferred_time",
} as const;

/** What the front desk's form says about a repair, as the owner would in the bot. */
export interface RepairIntakeInput {
  category: RepairCategory;
  description: string;
  preferredTime: string;
}

/** The repair's part of step 2: what is broken, in the owner's words, and when a visit suits. */
export function repairIntakeFields(t: Translate): types.KnownBlock[] {
  const categories = RepairCategorySchema.options.map((value) => ({ value, text: t(`common:category.${value}`) }));
  return [
    selectInput(repairIntakeInputs.category, t("staff:card.category"), categories),
    textInput(repairIntakeInputs.description, t("staff:card.description"), { multiline: true }),
    textInput(repairIntakeInputs.preferredTime, t("staff:card.preferred_time")),
  ];
}

/** Reads the repair's fields, every missing one at once. */
export function readRepairIntake(values: IntakeValues, t: Translate): IntakeRead<RepairIntakeInput> {
  const errors: FieldErrors = {};
  const category = RepairCategorySchema.safeParse(selectedValue(values, repairIntakeInputs.category));
  if (!category.success) errors[repairIntakeInputs.category] = t("staff:modals.correct.choose");
  const description = typedValue(values, repairIntakeInputs.description);
  if (description.length < 2) errors[repairIntakeInputs.description] = t("staff:intake.description_required");
  const preferredTime = typedValue(values, repairIntakeInputs.preferredTime);
  if (!preferredTime) errors[repairIntakeInputs.preferredTime] = t("staff:intake.required");
  if (!category.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { category: category.data, description, preferredTime } };
}
