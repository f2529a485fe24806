import type { types } from "@slack/bolt";
import { BillingSchema, type RepairCase, RepairCategorySchema } from "../../../../core/kinds/repair/details.js";
import { context, plain, type Translate, truncate } from "../../blocks/format.js";
import { modalView, subjectSection } from "../../blocks/modals.js";
import type { ModalMetadata } from "../../interaction-values.js";
import { repairSummary } from "./card.js";
import { correctionInputs, repairViewIds } from "./interaction.js";

function select(actionId: string, options: types.PlainTextOption[], initial: string): types.StaticSelect {
  const chosen = options.find((option) => option.value === initial);
  return { type: "static_select", action_id: actionId, options, ...(chosen ? { initial_option: chosen } : {}) };
}

/**
 * Correct: the category and the warranty/paid decision, prefilled with the current ones, and
 * the reason the history keeps. A new category may change the callback window and whether a
 * leak test is owed; the hint says so.
 */
export function correctModal(input: { repair: Pick<RepairCase, "number" | "details">; metadata: ModalMetadata }, t: Translate): types.ModalView {
  const { details } = input.repair;
  const categories = RepairCategorySchema.options.map((value) => ({ text: plain(truncate(t(`common:category.${value}`), 75)), value }));
  const billings = BillingSchema.options.map((value) => ({ text: plain(truncate(t(`common:billing.${value}`), 75)), value }));
  return modalView(repairViewIds.correct, t("staff:modals.correct.title"), input.metadata, [
    subjectSection({ number: input.repair.number, summary: repairSummary(input.repair) }),
    { type: "input", block_id: correctionInputs.category, label: plain(t("staff:modals.correct.category")), element: select(correctionInputs.category, categories, details.category) },
    { type: "input", block_id: correctionInputs.billing, label: plain(t("staff:modals.correct.billing")), element: select(correctionInputs.billing, billings, details.billing) },
    {
      type: "input",
      block_id: correctionInputs.reason,
      label: plain(t("staff:modals.correct.reason")),
      element: { type: "plain_text_input", action_id: correctionInputs.reason, multiline: true, min_length: 2, max_length: 500 },
    },
    context(t("staff:modals.correct.hint")),
  ], t);
}
