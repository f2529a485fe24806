import type { OwnerBotDeps } from "../../context.js";
import { attemptOrReport, describeError } from "../../errors.js";
import type { Dialog } from "../dialog.js";

/**
 * The Submit of every intake: the core call runs once (in `conversation.external`), the owner is
 * given the number with the main menu, or told why not. `again`: bad input the summary can
 * correct, or a failure on our side that deserves another press with the draft intact; any other
 * refusal ends the intake (`done`).
 */
export async function submitRequest(
  dialog: Dialog,
  deps: OwnerBotDeps,
  request: { conversationId: string; submittedKey: string; submit: () => Promise<{ number: string }> },
): Promise<"done" | "again"> {
  const result = await dialog.conversation.external(() =>
    attemptOrReport(
      async () => ({ number: (await request.submit()).number }),
      (error) => deps.logger.error({ conversation: request.conversationId, chatId: dialog.chatId, error: describeError(error) }, `${request.conversationId} submission failed`),
    ),
  );
  if (result.ok) {
    await dialog.say(dialog.t(request.submittedKey, { number: result.value.number }), { reply_markup: deps.menu.keyboard((key) => dialog.t(key)) });
    return "done";
  }
  await dialog.say(dialog.t(`common:errors.${result.code}`, result.params));
  return result.code === "invalid_input" || result.code === "unknown" ? "again" : "done";
}
