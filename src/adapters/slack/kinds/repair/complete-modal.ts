import type { types } from "@slack/bolt";
import type { RepairChargeOptions } from "../../../../core/kinds/repair/use-cases/get-repair-charge-options.js";
import type { RepairCase } from "../../../../core/kinds/repair/details.js";
import { chargeRowBlocks } from "../../blocks/charge-rows.js";
import { context, escapeMrkdwn, type Translate } from "../../blocks/format.js";
import { modalView, subjectSection } from "../../blocks/modals.js";
import type { ModalMetadata } from "../../interaction-values.js";
import { repairSummary } from "./card.js";
import { repairViewIds } from "./interaction.js";

/**
 * Done on a paid repair: up to five items of the maintenance price standard with their
 * quantities, prefilled with the items of an earlier completion (a repair sent back). A repair
 * whose fee was already received only says so: its rework is not charged again.
 */
export function completeModal(input: { repair: Pick<RepairCase, "number" | "details">; options: RepairChargeOptions; metadata: ModalMetadata }, t: Translate): types.ModalView {
  const { repair, options } = input;
  const head = subjectSection({ number: repair.number, summary: repairSummary(repair) });
  const blocks = options.receiptNumber
    ? [head, context(escapeMrkdwn(t("staff:modals.complete.charged", { receipt: options.receiptNumber })))]
    : [head, context(escapeMrkdwn(t("staff:modals.complete.intro"))), ...chargeRowBlocks(options.items, repair.details.chargeLines, t)];
  return modalView(repairViewIds.complete, t("staff:modals.complete.title"), input.metadata, blocks, t);
}
