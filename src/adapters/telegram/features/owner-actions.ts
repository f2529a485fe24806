import { Composer } from "grammy";
import { isWorkflowError } from "../../../core/domain/errors.js";
import { decodeOwnerButton } from "../callback-data.js";
import type { BotContext, OwnerBotDeps } from "../context.js";
import { answerStale, doneText, markPressed } from "./owner-button-press.js";
import { senderId } from "./owner-helpers.js";

/** Refusals that mean the case moved on (or is not the owner's): the button is stale. */
const staleCodes: ReadonlySet<string> = new Set(["invalid_transition", "not_found", "expired"]);

/**
 * The buttons under `owner.notice` messages, of every kind. An action with a `perform` runs it
 * here; one without is handed to its kind's module (which asks the owner something first). Each
 * press is answered, and the pressed message loses its keyboard (with a line saying what was
 * chosen) so it cannot be pressed twice.
 */
export function ownerActionsFeature(deps: OwnerBotDeps): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const registry = deps.workflow.kinds;
  const modules = new Map(deps.kinds.map((module) => [module.kind, module]));

  feature.on("callback_query:data", async (ctx, next) => {
    const data = decodeOwnerButton(registry, ctx.callbackQuery.data);
    if (!data) return next();
    const { button } = data;
    const action = registry.ownerAction(button.kind, button.action);
    if (!action) return next();
    ctx.logger.info({ kind: button.kind, action: button.action, caseId: button.caseId }, "owner pressed a notice button");
    if (!action.perform) {
      const handler = modules.get(button.kind)?.ownerButtons[button.action];
      if (handler) return handler(deps, ctx, { button, action });
      ctx.logger.warn({ kind: button.kind, action: button.action }, "no handler for an owner action without perform");
      return answerStale(ctx);
    }
    try {
      await action.perform(deps.workflow, { ownerUserId: senderId(ctx), caseId: button.caseId, arg: button.arg });
    } catch (error) {
      if (!isWorkflowError(error) || !staleCodes.has(error.code)) throw error;
      // One answer: the press is answered and the notice marked. Rethrowing would add a message
      // of the refusal boundary to the chat as well, saying the same thing twice.
      ctx.logger.info({ kind: button.kind, action: button.action, code: error.code }, "stale owner button");
      await answerStale(ctx);
      return;
    }
    const done = doneText(deps, ctx, action, button);
    await ctx.answerCallbackQuery({ text: done });
    await markPressed(ctx, done);
  });

  return feature;
}
