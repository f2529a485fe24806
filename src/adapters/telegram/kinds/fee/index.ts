import type { FeeCase } from "../../../../core/kinds/fee/details.js";
import type { TelegramKindModule } from "../telegram-kind.js";
import { askDispute } from "./dispute-action.js";
import { createFeeDisputeConversation, feeDisputeConversationId } from "./dispute-conversation.js";
import { feesOverviewFeature } from "./fees-overview.js";

const entry = { command: "fees", menuKey: "owner:fees.menu" } as const;

/**
 * Fees on the owners' bot: `/fees` and its menu entry (what each own unit owes, its payments and
 * where it stands on the ladder), the Dispute conversation under a reminder, and the household's
 * fee case under /mine. Acknowledge, Pay by and the reasons are the core's actions with
 * `perform`, answered by the shared owner-button handler.
 */
export const feeTelegramKind: TelegramKindModule = {
  kind: "fee",
  ...entry,
  commandKey: "owner:fees.command",
  feature: (deps) => feesOverviewFeature(deps, entry),
  conversations: (deps) => [{ id: feeDisputeConversationId, builder: createFeeDisputeConversation(deps) }],
  ownerButtons: { dispute: askDispute },
  // The unit is named: an owner of two units has a file for each.
  async listItem(subject, t, workflow) {
    const { details } = subject as FeeCase;
    const unit = await workflow.uow.transaction((store) => store.units.findById(subject.unitId));
    const status = subject.status === "open" ? t(`owner:fee.stage.${details.stage}`) : t(`owner:fees.status.${subject.status}`);
    return { label: t("owner:fees.mine_label", { building: unit?.building ?? "", unit: unit?.unit ?? "" }), status };
  },
};
