import type { webApi } from "@slack/bolt";
import type { MessageRef } from "../../core/domain/outbox.js";

/** A file to share: its name, its bytes and the title Slack shows. */
export interface SlackUpload {
  filename: string;
  bytes: Uint8Array;
  title: string;
}

/**
 * Shares files in a message's thread through Slack's external upload flow (`files.upload` is
 * retired): announce each file, POST its bytes to the upload URL, then share them all at once.
 * Errors are Slack's or the upload's; the caller turns them into delivery errors.
 */
export async function uploadToThread(client: webApi.WebClient, thread: MessageRef, files: readonly SlackUpload[]): Promise<void> {
  const uploaded: { id: string; title: string }[] = [];
  for (const file of files) {
    const announced = await client.files.getUploadURLExternal({ filename: file.filename, length: file.bytes.length });
    if (!announced.upload_url || !announced.file_id) throw new Error("files.getUploadURLExternal answered without an upload URL");
    const response = await fetch(announced.upload_url, { method: "POST", body: file.bytes });
    if (!response.ok) throw new Error(`the upload of ${file.filename} was answered ${response.status}`);
    uploaded.push({ id: announced.file_id, title: file.title });
  }
  if (uploaded.length === 0) return;
  await client.files.completeUploadExternal({ files: uploaded as [{ id: string; title: string }], channel_id: thread.channel, thread_ts: thread.messageId });
}
