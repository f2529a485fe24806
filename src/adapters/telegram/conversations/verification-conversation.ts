import { z } from "zod";
import type { Locale } from "../../../core/domain/registry.js";
import { requestVerification } from "../../../core/use-cases/request-verification.js";
import type { ConversationContext, OwnerBotDeps } from "../context.js";
import { attempt } from "../errors.js";
import { Dialog, type OwnerConversation } from "./dialog.js";

export const verificationConversationId = "verification";

export interface VerificationStart {
  locale: Locale;
}

const AddressPartSchema = z.string().trim().min(1).max(20);
const maxTries = 3;

/**
 * An owner whose phone is not in the registry names building and unit; the front desk gets a
 * card to approve. A unit that does not exist is asked again (a typo is the usual cause).
 */
export function createVerificationConversation(deps: OwnerBotDeps) {
  return async function verification(conversation: OwnerConversation, ctx: ConversationContext, start: VerificationStart): Promise<void> {
    const dialog = new Dialog(conversation, ctx, start.locale, deps);
    const text = (answer: Awaited<ReturnType<Dialog["answer"]>>) => {
      if (answer.kind !== "text") return undefined;
      const parsed = AddressPartSchema.safeParse(answer.text);
      return parsed.success ? parsed.data : undefined;
    };
    for (let tries = 1; tries <= maxTries; tries += 1) {
      await dialog.say(dialog.t("owner:verify.ask_building"), { reply_markup: { remove_keyboard: true } });
      const building = await dialog.choose(text, "owner:verify.text_hint");
      await dialog.say(dialog.t("owner:verify.ask_unit", { building }));
      const unit = await dialog.choose(text, "owner:verify.text_hint");
      const result = await conversation.external(() =>
        attempt(async () => {
          const request = await requestVerification(deps.workflow, { ownerUserId: dialog.userId, building, unit });
          return { building: request.building, unit: request.unit };
        }),
      );
      if (result.ok) {
        await dialog.say(dialog.t("owner:verify.pending", result.value));
        return;
      }
      await dialog.say(dialog.t(`common:errors.${result.code}`, result.params));
      if (result.code !== "unit_not_found") return;
    }
    await dialog.say(dialog.t("owner:verify.gave_up"));
  };
}
