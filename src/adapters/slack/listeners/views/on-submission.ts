import type { App, ViewOutput, ViewSubmitAction } from "@slack/bolt";
import { decodeValue, type ModalMetadata, ModalMetadataSchema } from "../../interaction-values.js";
import type { SlackDeps } from "../../slack-deps.js";
import { timedAction } from "../action-log.js";
import { outdatedModal } from "../../blocks/modals.js";
import { actOnFirstDelivery, explainFailure, staffText } from "../interaction.js";
import { noteAnswered } from "../unknown-interactions.js";

/** A modal's input, read from `view.state.values`, or the field errors to show in the modal. */
export type ParsedSubmission<T> = { ok: true; input: T } | { ok: false; errors: Record<string, string> };

/**
 * Registers a modal's submission. Parsing is pure and synchronous, so acknowledging stays the
 * first awaited call: metadata that does not decode turns the modal into a notice that it is out
 * of date; with field errors Slack keeps the modal open and shows them; otherwise the modal
 * closes at once and the core acts afterwards. A refusal from the core then reaches the
 * submitter as an ephemeral in the card's channel, carried in the modal's private metadata.
 */
export function onSubmission<T>(
  app: App,
  deps: SlackDeps,
  callbackId: string,
  parse: (values: ViewOutput["state"]["values"]) => ParsedSubmission<T>,
  act: (input: T, metadata: ModalMetadata, staffUserId: string) => Promise<unknown>,
): void {
  const log = deps.logger.child({ surface: "modal-submissions", callbackId });
  noteAnswered(app, "view", callbackId);
  app.view<ViewSubmitAction>({ callback_id: callbackId, type: "view_submission" }, async ({ ack, body, view, client }) => {
    // Without readable metadata there is no case to act on and no channel to answer in: the
    // modal itself says so (a modal of an older release, or a forged one).
    const metadata = decodeValue(ModalMetadataSchema, view.private_metadata);
    if (!metadata) {
      log.warn({ staffUserId: body.user.id }, "modal without readable metadata refused");
      await ack({ response_action: "update", view: outdatedModal(staffText(deps).t) });
      return;
    }
    const parsed = parse(view.state.values);
    if (!parsed.ok) {
      await ack({ response_action: "errors", errors: parsed.errors });
      return;
    }
    await ack();
    const clicker = { userId: body.user.id, channel: metadata.channel };
    try {
      // A view is submitted successfully once; a second delivery of it is a retry.
      const acted = await actOnFirstDelivery(deps, `${callbackId}:${view.id}`, () =>
        timedAction(log, { callbackId, caseId: metadata.ticketId }, () => act(parsed.input, metadata, body.user.id)),
      );
      if (!acted) log.info({ caseId: metadata.ticketId }, "repeated submission ignored");
    } catch (error) {
      await explainFailure({ deps, client, clicker, error, log, context: { callbackId, caseId: metadata.ticketId } });
    }
  });
}
