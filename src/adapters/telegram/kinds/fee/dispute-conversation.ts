import type { Locale } from "../../../../core/domain/registry.js";
import { complaintRequestFields } from "../../../../core/kinds/complaint/new-complaint.js";
import { disputeFee } from "../../../../core/kinds/fee/use-cases/answer-reminder.js";
import type { ConversationContext, OwnerBotDeps } from "../../context.js";
import { Dialog, type OwnerConversation } from "../../conversations/dialog.js";
import { attempt } from "../../errors.js";

export const feeDisputeConversationId = "fee-dispute";

/** What the Dispute button passes at enter (persisted as JSON with the conversation). */
export interface FeeDisputeStart {
  locale: Locale;
  /** The household's fee case whose reminded charges the owner disputes. */
  caseId: string;
}

/**
 * Dispute, under a fee reminder: the owner says what is wrong in their own words (by the
 * complaint's own rule for a description) and the core opens a complaint about the fees, linked
 * to the household's fee case; the reminded charges pause until it is closed. The core's
 * `fee.disputed` notice tells the owner the complaint's number; a refusal is said here.
 */
export function createFeeDisputeConversation(deps: OwnerBotDeps) {
  return async function feeDispute(conversation: OwnerConversation, ctx: ConversationContext, start: FeeDisputeStart): Promise<void> {
    const dialog = new Dialog(conversation, ctx, start.locale, deps);
    await dialog.say(dialog.t("owner:fee.dispute_ask"));
    const words = await dialog.choose((answer) => {
      if (answer.kind !== "text") return undefined;
      const parsed = complaintRequestFields.description.safeParse(answer.text);
      return parsed.success ? parsed.data : undefined;
    }, "owner:fees.dispute.hint");
    const result = await conversation.external(() =>
      attempt(async () => {
        await disputeFee(deps.workflow, { ownerUserId: dialog.userId, caseId: start.caseId, words });
        return null;
      }),
    );
    if (!result.ok) await dialog.say(dialog.t(`common:errors.${result.code}`, result.params));
  };
}
