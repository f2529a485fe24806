import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { MessageRef } from "../../core/domain/outbox.js";
import { PermanentDeliveryError } from "../../core/ports/message-sender.js";
import type { PhotoSource } from "../../core/ports/photo-source.js";
import type { WorkflowContext } from "../../core/ports/workflow-context.js";
import { toDeliveryError } from "./slack-errors.js";

const PhotosSchema = z.object({ photos: z.array(z.string().min(1)).default([]) });

/**
 * Posts a case's photos in its card's thread through Slack's external upload flow: announce each
 * file, POST its bytes to the upload URL, then share them all into the thread. The bytes are
 * fetched from the owner's platform by the port and uploaded; no link to them is ever posted,
 * since a Telegram file URL carries the bot token.
 *
 * The card must already be posted (it is queued first, and one team's messages go out in order);
 * should it not be, the delivery fails and the outbox retries it.
 */
export async function postCasePhotos(input: { client: webApi.WebClient; workflow: WorkflowContext; photos: PhotoSource; caseId: string }): Promise<MessageRef> {
  const { client, workflow, photos } = input;
  const found = await workflow.uow.transaction(async (store) => ({
    subject: await store.cases.findById(input.caseId),
    card: await store.messageRefs.get(`case-card:${input.caseId}`),
  }));
  if (!found.subject) throw new PermanentDeliveryError(`case ${input.caseId} no longer exists`);
  if (!found.card) throw new Error(`the card of case ${found.subject.number} is not posted yet`);
  const fileIds = PhotosSchema.parse(found.subject.details).photos;
  if (fileIds.length === 0) return found.card;
  const files = [];
  for (const [index, fileId] of fileIds.entries()) {
    const photo = await fetchPhoto(photos, fileId, index);
    files.push({ filename: photo.filename, title: `${found.subject.number} · ${index + 1}/${fileIds.length}`, bytes: photo.bytes });
  }
  await uploadToThread(client, files, found.card);
  return found.card;
}

async function fetchPhoto(photos: PhotoSource, fileId: string, index: number) {
  try {
    return await photos.fetch(fileId, index);
  } catch (error) {
    throw toDeliveryError(error);
  }
}

/**
 * Uploads files through Slack's external upload flow (announce each file, POST its bytes to the
 * upload URL) and shares them all into the thread of `post`.
 */
export async function uploadToThread(client: webApi.WebClient, files: readonly { filename: string; title: string; bytes: Uint8Array }[], post: MessageRef): Promise<void> {
  try {
    const uploaded: { id: string; title: string }[] = [];
    for (const file of files) {
      const announced = await client.files.getUploadURLExternal({ filename: file.filename, length: file.bytes.length });
      if (!announced.upload_url || !announced.file_id) throw new Error("files.getUploadURLExternal answered without an upload URL");
      const response = await fetch(announced.upload_url, { method: "POST", body: file.bytes });
      if (!response.ok) throw new Error(`the file upload was answered ${response.status}`);
      uploaded.push({ id: announced.file_id, title: file.title });
    }
    await client.files.completeUploadExternal({ files: uploaded as [{ id: string; title: string }], channel_id: post.channel, thread_ts: post.messageId });
  } catch (error) {
    throw toDeliveryError(error);
  }
}
