import type { Locale } from "../../../core/domain/registry.js";
import { requestOtherTime } from "../../../core/use-cases/request-other-time.js";
import type { ConversationContext, TelegramDeps } from "../context.js";
import { attempt } from "../errors.js";
import { Dialog, type OwnerConversation } from "./dialog.js";
import { askPreferredTime } from "./repair-steps.js";

export const otherTimeConversationId = "other-time";

export interface OtherTimeStart {
  locale: Locale;
  ticketId: string;
  /** The proposal being declined; absent in states saved before proposals were tracked. */
  proposedAt?: string;
}

/**
 * The owner cannot make the proposed visit: ask when they can (slot buttons or their words) and
 * hand it to the core. The core's `repair.other_time_noted` notice confirms it to the owner.
 */
export function createOtherTimeConversation(deps: TelegramDeps) {
  return async function otherTime(conversation: OwnerConversation, ctx: ConversationContext, start: OtherTimeStart): Promise<void> {
    const dialog = new Dialog(conversation, ctx, start.locale, deps.translator);
    const clock = {
      now: async () => new Date(await conversation.external(() => deps.workflow.time.now().toISOString())),
      timeZone: deps.workflow.timeZone,
    };
    const preferredTime = await askPreferredTime(dialog, clock, "owner:other_time.ask");
    const result = await conversation.external(() =>
      attempt(async () => {
        const ticket = await requestOtherTime(deps.workflow, { ownerUserId: dialog.userId, ticketId: start.ticketId, proposedAt: start.proposedAt, preferredTime });
        return { number: ticket.number };
      }),
    );
    if (!result.ok) await dialog.say(dialog.t(`common:errors.${result.code}`, result.params));
  };
}
