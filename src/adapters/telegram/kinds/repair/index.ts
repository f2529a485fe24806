import type { RepairCase } from "../../../../core/kinds/repair/details.js";
import type { TelegramKindModule } from "../telegram-kind.js";
import { askOtherTime } from "./other-time-action.js";
import { createOtherTimeConversation, otherTimeConversationId } from "./other-time-conversation.js";
import { createRepairConversation, repairConversationId } from "./repair-conversation.js";
import { repairFeature } from "./repair-feature.js";

const entry = { command: "repair", menuKey: "owner:menu.repair" } as const;

/** Repairs on the owners' bot: `/repair` and its menu entry, the intake, and Another time under a proposal. */
export const repairTelegramKind: TelegramKindModule = {
  kind: "repair",
  ...entry,
  commandKey: "owner:commands.repair",
  feature: (deps) => repairFeature(deps, entry),
  conversations: (deps) => [
    { id: repairConversationId, builder: createRepairConversation(deps) },
    { id: otherTimeConversationId, builder: createOtherTimeConversation(deps) },
  ],
  ownerButtons: { "appointment.other": askOtherTime },
  listItem(subject, t) {
    const { details } = subject as RepairCase;
    return { label: t(`common:category.${details.category}`), status: t(`common:status.${subject.status}`) };
  },
};
