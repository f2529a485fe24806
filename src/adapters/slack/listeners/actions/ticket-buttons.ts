import type { App, BlockButtonAction } from "@slack/bolt";
import { claimTicket } from "../../../../core/use-cases/claim-ticket.js";
import { completeWork } from "../../../../core/use-cases/complete-work.js";
import { passLeakTest } from "../../../../core/use-cases/pass-leak-test.js";
import { startWork } from "../../../../core/use-cases/start-work.js";
import { actionIds, decodeValue, TicketButtonValueSchema } from "../../interaction-values.js";
import type { SlackDeps } from "../../slack-deps.js";
import { actOnFirstDelivery, explainFailure, explainUnreadable } from "../interaction.js";

/** Card buttons that act at once; the others open a modal (see modal-buttons.ts). */
const immediate: Record<string, typeof claimTicket> = {
  [actionIds.claim]: claimTicket,
  [actionIds.start]: startWork,
  [actionIds.done]: completeWork,
  [actionIds.leakTestPassed]: passLeakTest,
};

/**
 * Claim, Start, Done and Leak test passed. The card is not edited here: the use case queues a
 * card refresh in the outbox, which the sender draws in place within Slack's rate limits.
 */
export function registerTicketButtons(app: App, deps: SlackDeps): void {
  const log = deps.logger.child({ surface: "ticket-buttons" });
  for (const [actionId, useCase] of Object.entries(immediate)) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      const clicker = { userId: body.user.id, channel: body.channel?.id };
      const value = decodeValue(TicketButtonValueSchema, action.value);
      if (!value) return explainUnreadable(deps, client, clicker, log, actionId);
      const context = { actionId, ticketId: value.ticketId };
      try {
        // Same clicker, same button, same card version: a double click, acted on once.
        const key = `${actionId}:${clicker.userId}:${value.ticketId}:${value.version}`;
        const acted = await actOnFirstDelivery(deps, key, () => useCase(deps.workflow, { ticketId: value.ticketId, staffUserId: clicker.userId }));
        if (!acted) log.info(context, "repeated click ignored");
      } catch (error) {
        await explainFailure({ deps, client, clicker, error, log, context });
      }
    });
  }
}
