import { intakeEntryFeature } from "../../features/intake-entry.js";
import type { TelegramKindModule } from "../telegram-kind.js";
import { createServiceConversation, serviceConversationId } from "./service-conversation.js";
import { serviceListItem } from "./service-list-item.js";
import { serviceOwnerButtons } from "./service-wish-action.js";
import { createServiceWishConversation, serviceWishConversationId } from "./service-wish-conversation.js";

const entry = { command: "services", menuKey: "owner:menu.services" } as const;

/**
 * Paid home services on the owners' bot: `/services` and its menu entry, the booking, the
 * conversations behind the buttons that ask the owner something first (another time, a problem
 * with the work, a new wish), and the order under /mine with Reschedule / Cancel. The other
 * buttons (Accept / Decline a quote, Confirm a time, Accept the work, Cancel, End package) are
 * the core's actions with `perform`, answered by the shared owner-button handler.
 */
export const serviceTelegramKind: TelegramKindModule = {
  kind: "service",
  ...entry,
  commandKey: "owner:commands.services",
  feature: (deps) => intakeEntryFeature(deps, entry, serviceConversationId),
  conversations: (deps) => [
    { id: serviceConversationId, builder: createServiceConversation(deps) },
    { id: serviceWishConversationId, builder: createServiceWishConversation(deps) },
  ],
  ownerButtons: serviceOwnerButtons,
  listItem: serviceListItem,
};
