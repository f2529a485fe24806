import type { App } from "@slack/bolt";
import type { RepairDetails } from "../../../../core/kinds/repair/details.js";
import { repairKind } from "../../../../core/kinds/repair/kind.js";
import { completeWork } from "../../../../core/kinds/repair/use-cases/complete-work.js";
import { getRepairChargeOptions } from "../../../../core/kinds/repair/use-cases/get-repair-charge-options.js";
import { type ChosenCharge, readChargeRows } from "../../blocks/charge-rows.js";
import { opensModal } from "../../listeners/actions/modal-buttons.js";
import { staffText } from "../../listeners/interaction.js";
import { onSubmission, type ParsedSubmission } from "../../listeners/views/on-submission.js";
import type { SlackDeps } from "../../slack-deps.js";
import { completeModal } from "./complete-modal.js";
import { repairActionIds, repairViewIds } from "./interaction.js";

/**
 * Done on a paid repair: the core's checks for completing run at the click, the modal offers the
 * maintenance standard's items, and its submission completes the repair with them (the core
 * prices them and asks the owner "Fixed?" with the total).
 */
export function registerCompletionWithItems(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  opensModal<RepairDetails>(app, deps, {
    actionId: repairActionIds.doneWithItems,
    action: "complete",
    kind: repairKind.id,
    build: async (repair, metadata) => {
      const options = await getRepairChargeOptions(deps.workflow, repair.id);
      if (!options.receiptNumber && options.items.length === 0) return { refusal: t("staff:modals.complete.no_standard") };
      return { view: completeModal({ repair, options, metadata }, t) };
    },
  });
  onSubmission(
    app,
    deps,
    repairViewIds.complete,
    (values): ParsedSubmission<ChosenCharge[]> => {
      const read = readChargeRows(values, t, { required: true });
      return read.ok ? { ok: true, input: read.value } : read;
    },
    (chargeLines, metadata, staffUserId) => completeWork(deps.workflow, { caseId: metadata.ticketId, staffUserId, chargeLines }),
  );
}
