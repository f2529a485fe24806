import type { App } from "@slack/bolt";
import { type Billing, BillingSchema, type RepairCategory, RepairCategorySchema } from "../../../../core/kinds/repair/details.js";
import { checkCorrection } from "../../../../core/kinds/repair/use-cases/check-correction.js";
import { correctRepair } from "../../../../core/kinds/repair/use-cases/correct-repair.js";
import { fitModal, foldMarks } from "../../blocks/block-limits.js";
import { CaseButtonValueSchema } from "../../interaction-values.js";
import { onButton } from "../../listeners/actions/on-button.js";
import { explainUnreadable, staffText } from "../../listeners/interaction.js";
import { onSubmission, type ParsedSubmission } from "../../listeners/views/on-submission.js";
import type { SlackDeps } from "../../slack-deps.js";
import { correctModal } from "./correct-modal.js";
import { correctionInputs, CorrectionSubmissionSchema, repairActionIds, repairViewIds } from "./interaction.js";

/**
 * Correct on a repair's card: the core's checks run at the click (so a member without the right
 * hears why at once), the modal opens within Slack's 3 s, and the submission corrects what changed.
 */
export function registerCorrection(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  onButton(app, deps, {
    actionId: repairActionIds.correct,
    surface: "modal-buttons",
    value: CaseButtonValueSchema,
    key: ({ triggerId }) => `${repairActionIds.correct}:${triggerId}`,
    context: (value) => ({ caseId: value.ticketId }),
    act: async ({ value, clicker, triggerId, client, log }) => {
      const channel = clicker.channel;
      if (!channel) return explainUnreadable(deps, client, clicker, log, repairActionIds.correct);
      const repair = await checkCorrection(deps.workflow, { caseId: value.ticketId, staffUserId: clicker.userId });
      await client.views.open({ trigger_id: triggerId, view: fitModal(correctModal({ repair, metadata: { ticketId: repair.id, channel } }, t), foldMarks(t)) });
    },
  });
  onSubmission(
    app,
    deps,
    repairViewIds.correct,
    (values): ParsedSubmission<{ category: RepairCategory; billing: Billing; reason: string }> => {
      const typed = CorrectionSubmissionSchema.safeParse(values);
      const category = RepairCategorySchema.safeParse(typed.success ? typed.data[correctionInputs.category][correctionInputs.category].selected_option?.value : undefined);
      const billing = BillingSchema.safeParse(typed.success ? typed.data[correctionInputs.billing][correctionInputs.billing].selected_option?.value : undefined);
      const reason = (typed.success ? (typed.data[correctionInputs.reason][correctionInputs.reason].value ?? "") : "").trim();
      if (reason.length < 2) return { ok: false, errors: { [correctionInputs.reason]: t("staff:modals.correct.reason_required") } };
      if (!category.success) return { ok: false, errors: { [correctionInputs.category]: t("staff:modals.correct.choose") } };
      if (!billing.success) return { ok: false, errors: { [correctionInputs.billing]: t("staff:modals.correct.choose") } };
      return { ok: true, input: { category: category.data, billing: billing.data, reason } };
    },
    (input, metadata, staffUserId) => correctRepair(deps.workflow, { caseId: metadata.ticketId, staffUserId, ...input }),
  );
}
