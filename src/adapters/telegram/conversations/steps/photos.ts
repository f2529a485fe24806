import { InlineKeyboard } from "grammy";
import { encodeCallbackData } from "../../callback-data.js";
import type { Dialog } from "../dialog.js";

/** Several photos, then Done (or Skip); the largest size of each is kept, up to `max` (the use case's limit). */
export async function askPhotos(dialog: Dialog, max: number): Promise<string[]> {
  const keyboard = new InlineKeyboard()
    .text(dialog.t("owner:report.photos_done"), encodeCallbackData({ type: "photos", choice: "done" }))
    .text(dialog.t("owner:report.photos_skip"), encodeCallbackData({ type: "photos", choice: "skip" }));
  const prompt = await dialog.say(dialog.t("owner:report.ask_photos", { max }), { reply_markup: keyboard });
  const photos: string[] = [];
  while (photos.length < max) {
    const next = await dialog.choose((answer) => {
      if (answer.kind === "photo") return answer.fileId;
      if (answer.kind === "button" && answer.data.type === "photos") return null;
      return undefined;
    }, "owner:report.photos_hint");
    if (next === null) break;
    photos.push(next);
    if (photos.length < max) await dialog.say(dialog.t("owner:report.photo_received", { count: photos.length }));
  }
  await dialog.settle(prompt, photos.length === 0 ? dialog.t("owner:report.photos_none") : dialog.t("owner:report.photos_count", { count: photos.length }));
  return photos;
}
