import type { App } from "@slack/bolt";
import { showReporterPhone } from "../../../../core/use-cases/show-reporter-phone.js";
import { CaseButtonValueSchema } from "../../interaction-values.js";
import { onButton } from "../../listeners/actions/on-button.js";
import { staffText, tellClicker } from "../../listeners/interaction.js";
import type { SlackDeps } from "../../slack-deps.js";
import { repairActionIds } from "./interaction.js";

/**
 * Show number, on the callback card: the full phone to dial, to the front desk member alone
 * (an ephemeral); the core records that it was shown and to whom.
 */
export function registerShowNumber(app: App, deps: SlackDeps): void {
  const { t } = staffText(deps);
  onButton(app, deps, {
    actionId: repairActionIds.showNumber,
    surface: "callback-buttons",
    value: CaseButtonValueSchema,
    // Every click shows it again (and is recorded): a receptionist may need it twice.
    key: ({ triggerId }) => `${repairActionIds.showNumber}:${triggerId}`,
    context: (value) => ({ caseId: value.ticketId }),
    act: async ({ value, clicker, client, log }) => {
      const shown = await showReporterPhone(deps.workflow, { caseId: value.ticketId, staffUserId: clicker.userId });
      await tellClicker(client, clicker, t("staff:callback.number_shown", shown), log);
    },
  });
}
