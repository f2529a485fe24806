import type { Locale } from "../../../../core/domain/registry.js";
import { OwnerTimeRequestSchema, requestOtherTime } from "../../../../core/kinds/repair/use-cases/request-other-time.js";
import type { ConversationContext, OwnerBotDeps } from "../../context.js";
import { Dialog, type OwnerConversation } from "../../conversations/dialog.js";
import { askPreferredTime, conversationClock } from "../../conversations/steps/preferred-time.js";
import { attempt } from "../../errors.js";

export const otherTimeConversationId = "other-time";

/** What the Another time button passes at enter (persisted as JSON with the conversation). */
export interface OtherTimeStart {
  locale: Locale;
  caseId?: string;
  /** States saved before cases were generic name the case `ticketId`. */
  ticketId?: string;
  /** The proposal being declined; absent in states saved before proposals were tracked. */
  proposedAt?: string;
}

/**
 * The owner cannot make the proposed visit: ask when they can (slot buttons or their words) and
 * hand it to the core. The core's `repair.other_time_noted` notice confirms it to the owner.
 */
export function createOtherTimeConversation(deps: OwnerBotDeps) {
  return async function otherTime(conversation: OwnerConversation, ctx: ConversationContext, start: OtherTimeStart): Promise<void> {
    const dialog = new Dialog(conversation, ctx, start.locale, deps);
    const clock = conversationClock(conversation, deps.workflow);
    const preferredTime = await askPreferredTime(dialog, clock, { promptKey: "owner:other_time.ask", text: OwnerTimeRequestSchema });
    const caseId = start.caseId ?? start.ticketId ?? "";
    const result = await conversation.external(() =>
      attempt(async () => {
        const ticket = await requestOtherTime(deps.workflow, { ownerUserId: dialog.userId, caseId, proposedAt: start.proposedAt, preferredTime });
        return { number: ticket.number };
      }),
    );
    if (!result.ok) await dialog.say(dialog.t(`common:errors.${result.code}`, result.params));
  };
}
