import type { App } from "@slack/bolt";
import type { WorkflowContext } from "../../../../core/ports/workflow-context.js";
import { claimCase } from "../../../../core/use-cases/claim-case.js";
import { actionIds, CaseButtonValueSchema } from "../../interaction-values.js";
import type { SlackDeps } from "../../slack-deps.js";
import { onButton } from "./on-button.js";

/** A staff use case a card button runs at once, for any case its kind allows. */
export type CaseButtonUseCase = (ctx: WorkflowContext, input: Parameters<typeof claimCase>[1]) => Promise<unknown>;

/**
 * A card button that acts at once through `useCase`; the others open a modal (modal-buttons.ts).
 * The card is not edited here: the use case queues a card refresh in the outbox, which the
 * sender draws in place within Slack's rate limits.
 */
export function onCaseButton(app: App, deps: SlackDeps, actionId: string, useCase: CaseButtonUseCase): void {
  onButton(app, deps, {
    actionId,
    surface: "case-buttons",
    value: CaseButtonValueSchema,
    // Same clicker, same button, same card version: a double click, acted on once.
    key: ({ value, clicker }) => `${actionId}:${clicker.userId}:${value.ticketId}:${value.version}`,
    context: (value) => ({ caseId: value.ticketId }),
    act: ({ value, clicker }) => useCase(deps.workflow, { caseId: value.ticketId, staffUserId: clicker.userId }),
  });
}

/** Claim, on every kind's card: the kind's lifecycle and rights decide whether it applies. */
export function registerCaseButtons(app: App, deps: SlackDeps): void {
  onCaseButton(app, deps, actionIds.claim, claimCase);
}
