import { WorkflowError } from "../domain/errors.js";
import type { Locale, TelegramIdentity } from "../domain/registry.js";
import type { WorkflowContext } from "../ports/workflow-context.js";

/** `/language`: every message queued for this owner from now on uses the new language. */
export async function setOwnerLanguage(ctx: WorkflowContext, input: { telegramUserId: string; locale: Locale }): Promise<TelegramIdentity> {
  return ctx.uow.transaction(async (store) => {
    const identity = await store.identities.find(input.telegramUserId);
    if (!identity) throw new WorkflowError("not_found", `telegram user ${input.telegramUserId} unknown`);
    const updated = { ...identity, locale: input.locale };
    await store.identities.save(updated);
    return updated;
  });
}
