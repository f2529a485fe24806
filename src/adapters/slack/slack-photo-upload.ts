import type { webApi } from "@slack/bolt";
import { z } from "zod";
import type { MessageRef } from "../../core/domain/outbox.js";
import { PermanentDeliveryError } from "../../core/ports/message-sender.js";
import type { PhotoSource } from "../../core/ports/photo-source.js";
import type { WorkflowContext } from "../../core/ports/workflow-context.js";
import { toDeliveryError } from "./slack-errors.js";
import { type SlackUpload, uploadToThread } from "./slack-file-upload.js";

const PhotosSchema = z.object({ photos: z.array(z.string().min(1)).default([]) });

/**
 * Posts a case's photos in its card's thread through Slack's external upload flow. The bytes are
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
  try {
    const uploads: SlackUpload[] = [];
    for (const [index, fileId] of fileIds.entries()) {
      const photo = await photos.fetch(fileId, index);
      uploads.push({ filename: photo.filename, bytes: photo.bytes, title: `${found.subject.number} · ${index + 1}/${fileIds.length}` });
    }
    await uploadToThread(client, found.card, uploads);
  } catch (error) {
    throw toDeliveryError(error);
  }
  return found.card;
}
