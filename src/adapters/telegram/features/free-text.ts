import { InlineKeyboard } from "grammy";
import { soundsUrgent } from "../../../core/kinds/repair/urgency.js";
import { encodeCallbackData } from "../callback-data.js";
import type { BotContext, TelegramDeps } from "../context.js";

const keyOf = (ownerUserId: string) => `telegram:free-text:${ownerUserId}`;

/** The button under an offer; its text stays server-side, since callback data holds 64 bytes. */
export const reportFreeTextData = encodeCallbackData({ type: "free_text", choice: "repair" });

/**
 * Keeps what the owner typed until they accept the offer to report it (one text per owner: a
 * newer message replaces it, so the button reports what they wrote last). In the key-value table,
 * so a restart between the message and the press keeps it.
 */
export async function keepFreeText(deps: TelegramDeps, ownerUserId: string, text: string): Promise<void> {
  await deps.workflow.uow.transaction((store) => store.keyValues.set(keyOf(ownerUserId), text));
}

/** The text kept by {@link keepFreeText}, forgotten as it is taken; null when there is none. */
export async function takeFreeText(deps: TelegramDeps, ownerUserId: string): Promise<string | null> {
  return deps.workflow.uow.transaction(async (store) => {
    const text = await store.keyValues.get(keyOf(ownerUserId));
    if (text !== null) await store.keyValues.delete(keyOf(ownerUserId));
    return text;
  });
}

/** When the owner's words sound like harm happening now, the emergency number comes first, before any form. */
export async function warnIfUrgent(deps: TelegramDeps, ctx: BotContext, text: string): Promise<void> {
  if (!soundsUrgent(text)) return;
  const phone = deps.emergencyPhone;
  await ctx.reply(phone ? ctx.t("owner:free_text.emergency", { phone }) : ctx.t("owner:free_text.emergency_no_phone"));
}

/** The offer to report free text as a repair, quoting it, with the button that does it. */
export async function offerRepair(deps: TelegramDeps, ctx: BotContext, ownerUserId: string, text: string): Promise<void> {
  await keepFreeText(deps, ownerUserId, text);
  const keyboard = new InlineKeyboard().text(ctx.t("owner:free_text.report_button"), reportFreeTextData);
  await ctx.reply(ctx.t("owner:free_text.offer", { text }), { reply_markup: keyboard });
}
