import { InlineKeyboard } from "grammy";
import { encodeCallbackData } from "../../callback-data.js";
import type { Dialog } from "../dialog.js";

/** The summary of every intake, `text`, with Submit / Edit / Cancel; the choice is marked on it. */
export async function askSummaryChoice(dialog: Dialog, text: string): Promise<"submit" | "edit" | "cancel"> {
  const keyboard = new InlineKeyboard()
    .text(dialog.t("owner:report.summary.submit"), encodeCallbackData({ type: "summary", choice: "submit" }))
    .row()
    .text(dialog.t("owner:report.summary.edit"), encodeCallbackData({ type: "summary", choice: "edit" }))
    .text(dialog.t("owner:report.summary.cancel"), encodeCallbackData({ type: "summary", choice: "cancel" }));
  const prompt = await dialog.say(text, { reply_markup: keyboard });
  const choice = await dialog.choose((answer) => (answer.kind === "button" && answer.data.type === "summary" ? answer.data.choice : undefined), "owner:report.use_buttons");
  await dialog.settle(prompt, dialog.t(`owner:report.summary.chosen.${choice}`));
  return choice;
}
