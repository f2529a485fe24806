import { InlineKeyboard } from "grammy";
import { RepairCategorySchema, type RepairCategory } from "../../../../core/kinds/repair/details.js";
import { ReportRepairInputSchema } from "../../../../core/kinds/repair/use-cases/report-repair.js";
import { encodeCallbackData, RepairStepSchema, type RepairStep } from "../../callback-data.js";
import type { Dialog } from "../../conversations/dialog.js";

/** The core accepts at most ten photos per repair. */
export const maxPhotos = 10;

/** The use case's own rules for the owner's words, so a problem is told at the step, not at submit. */
export const repairFields = {
  description: ReportRepairInputSchema.shape.description,
  publicArea: ReportRepairInputSchema.shape.publicArea.unwrap(),
  preferredTime: ReportRepairInputSchema.shape.preferredTime,
};

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
    const parsed = repairFields.description.safeParse(answer.text);
    return parsed.success ? parsed.data : undefined;
  }, "owner:report.description_hint");
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
