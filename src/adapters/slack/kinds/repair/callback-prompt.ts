import type { types } from "@slack/bolt";
import { callbackPromptFor } from "../../blocks/callback-card.js";
import { reporterLabel } from "../../blocks/case-card.js";
import { field, type FormatInstant, type Translate } from "../../blocks/format.js";
import { formatFen } from "../../../../core/domain/money.js";
import { totalFen } from "../../../../core/domain/receipts.js";
import type { RepairDetails } from "../../../../core/kinds/repair/details.js";
import { placeLabel, type RepairView } from "./card.js";

/**
 * What the front desk needs about a repair to call its owner back: who and where, what was
 * repaired and by whom, when it was finished, the owner's own answer to "Fixed?" from the bot,
 * a paid repair's fee, and, for a repair cancelled after its work started, the reason to ask about.
 */
function repairCallbackFacts(view: RepairView, t: Translate, formatInstant: FormatInstant): types.MrkdwnElement[] {
  const repair = view.subject.details;
  const finishedAt = repair.leakTestAt ?? repair.completedAt;
  const ownerAnswer = repair.ownerFixedAnswer ? t(`staff:card.fixed_${repair.ownerFixedAnswer}`) : t("staff:callback.no_owner_answer");
  const fields = [
    field(t("staff:card.owner"), reporterLabel(view, t)),
    field(t("staff:card.unit"), placeLabel(view, t)),
    field(t("staff:card.category"), t(`common:category.${repair.category}`)),
    field(t("staff:callback.repaired_by"), view.assignee?.name ?? t("staff:card.unassigned")),
    field(t("staff:callback.finished_at"), finishedAt ? formatInstant(finishedAt) : "-"),
    field(t("staff:callback.owner_answer"), ownerAnswer),
  ];
  // Satisfied is the acceptance of a paid repair the owner has not accepted in the bot: the receipt follows.
  if (repair.chargeLines.length > 0) fields.push(field(t("staff:card.charges"), t("staff:charges.total", { total: formatFen(totalFen(repair.chargeLines)) })));
  if (view.subject.cancelReason) fields.push(field(t("staff:callback.cancelled_after_start"), view.subject.cancelReason));
  return fields;
}

/** A repair's callback card (回访): the shared card with the repair's facts. */
export const repairCallbackPrompt = callbackPromptFor<RepairDetails>(repairCallbackFacts);

/** Draws a repair's callback card from its view (the prompt's `render`). */
export const callbackPromptBlocks = repairCallbackPrompt.render;
