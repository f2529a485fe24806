import { type Api, GrammyError } from "grammy";
import { PermanentDeliveryError } from "../../core/ports/message-sender.js";
import type { FetchedPhoto, PhotoSource } from "../../core/ports/photo-source.js";

/**
 * Owners' photos from the Bot API: `getFile`, then the download at
 * `{apiRoot}/file/bot{token}/{file_path}`. That URL holds the bot token, so it stays here: only
 * the bytes leave this adapter.
 */
export class TelegramPhotoSource implements PhotoSource {
  constructor(
    private readonly api: Api,
    private readonly token: string,
    private readonly apiRoot: string,
  ) {}

  async fetch(fileId: string, index: number): Promise<FetchedPhoto> {
    // A file Telegram no longer knows stays unknown: a dead letter, not a retry that would hold
    // back every later message to the same channel.
    const file = await this.api.getFile(fileId).catch((error: unknown) => {
      if (error instanceof GrammyError && error.error_code === 400) throw new PermanentDeliveryError(`Telegram has no file for a photo: ${error.description}`);
      throw error;
    });
    if (!file.file_path) throw new Error("getFile answered without a file_path (file larger than 20 MB?)");
    const response = await fetch(`${this.apiRoot.replace(/\/$/, "")}/file/bot${this.token}/${file.file_path}`);
    // The URL is never put in the error: it carries the token.
    if (!response.ok) throw new Error(`the Bot API file download was answered ${response.status}`);
    const extension = /\.([a-z0-9]{1,5})$/i.exec(file.file_path)?.[1] ?? "jpg";
    return { bytes: new Uint8Array(await response.arrayBuffer()), filename: `photo-${index + 1}.${extension}` };
  }
}
