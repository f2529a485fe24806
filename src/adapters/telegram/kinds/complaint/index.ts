import type { ComplaintCase } from "../../../../core/kinds/complaint/details.js";
import { intakeEntryFeature } from "../../features/intake-entry.js";
import type { TelegramKindModule } from "../telegram-kind.js";
import { complaintConversationId, createComplaintConversation } from "./complaint-conversation.js";

const entry = { command: "complain", menuKey: "owner:menu.complain" } as const;

/** While a complaint is being handled, the owner sees by when it must be resolved. */
const handling: ReadonlySet<string> = new Set(["received", "open"]);

/**
 * Complaints on the owners' bot: `/complain` and its menu entry, the intake, and the complaint
 * under /mine. Resolved / Not resolved under a resolution are the core's actions with `perform`,
 * so the shared owner-button handler answers them; nothing here handles a press.
 */
export const complaintTelegramKind: TelegramKindModule = {
  kind: "complaint",
  ...entry,
  commandKey: "owner:commands.complain",
  // `/complain` and its menu entry; the intake asks which unit of an owner of several.
  feature: (deps) => intakeEntryFeature(deps, entry, complaintConversationId),
  conversations: (deps) => [{ id: complaintConversationId, builder: createComplaintConversation(deps) }],
  ownerButtons: {},
  listItem(subject, t) {
    const { details } = subject as ComplaintCase;
    const status = t(`common:status.${subject.status}`);
    const label = t("owner:mine.complaint_label", { subject: t(`common:complaint_subject.${details.subject}`) });
    if (!handling.has(subject.status) || details.resolveBy === null) return { label, status };
    return { label, status: t("owner:mine.complaint_status_due", { status, resolveBy: { instant: details.resolveBy.toISOString() } }) };
  },
};
