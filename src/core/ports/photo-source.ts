/** A photo's bytes, fetched from where the owner sent it. */
export interface FetchedPhoto {
  bytes: Uint8Array;
  /** A file name for staff (`photo-1.jpg`). */
  filename: string;
}

/**
 * Where owners' photos are fetched from, by the file id the owner's platform gave them. The
 * staff side uploads the bytes itself: a Telegram file URL carries the bot token, so it must
 * never be shown to staff or posted anywhere.
 */
export interface PhotoSource {
  fetch(fileId: string, index: number): Promise<FetchedPhoto>;
}
