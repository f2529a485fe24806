import { z } from "zod";
import { LocaleSchema, TeamSchema } from "./registry.js";

/** Message parameters; instants travel as ISO strings under `{ instant }` and are shown in the property's zone. */
export const MessageParamSchema = z.union([z.string(), z.number(), z.object({ instant: z.string() })]);
export type MessageParam = z.infer<typeof MessageParamSchema>;
export const MessageParamsSchema = z.record(z.string(), MessageParamSchema);
export type MessageParams = z.infer<typeof MessageParamsSchema>;

/**
 * A button under an owner's notice: one of a kind's owner actions (see `CaseKind.ownerActions`)
 * on one case, with an optional argument of the action's declared type (the proposed instant an
 * appointment button answers, so a newer proposal makes the old button stale).
 */
export const OwnerButtonSchema = z.object({
  kind: z.string().min(1),
  action: z.string().min(1),
  caseId: z.string().min(1),
  arg: z.string().optional(),
});
export type OwnerButton = z.infer<typeof OwnerButtonSchema>;

/**
 * Everything the outbox carries is one of four shapes: a notice to an owner (with buttons), a
 * case's card for a team's channel (edited in place), a prompt about a case for a team (one per
 * subject and attempt, such as a callback to make), and an alert. Verification cards are about
 * a person, not a case. Staff messages name their team: the recipient follows from it alone.
 */
export const OutboxPayloadSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("owner.notice"),
    chatId: z.string(),
    locale: LocaleSchema,
    key: z.string(),
    params: MessageParamsSchema,
    buttons: z.array(OwnerButtonSchema).default([]),
    /**
     * A reminder the owner did not ask for (a fee reminder, a ladder step): never delivered in
     * `QUIET_HOURS`, also when it was queued before them; it waits for the morning. Answers to the
     * owner's own taps and receipts are not quiet: they go at once.
     */
    quiet: z.boolean().optional(),
  }),
  z.object({
    type: z.literal("staff.case-card"),
    team: TeamSchema,
    caseId: z.string(),
    /** A copy in another team's channel than the case's own (the manager's, a department's), kept in step with it. */
    copy: z.boolean().optional(),
  }),
  z.object({
    type: z.literal("staff.case-prompt"),
    team: TeamSchema,
    caseId: z.string(),
    /** Which of the kind's prompts (`callback`); the Slack adapter has one builder per prompt. */
    prompt: z.string(),
    /** What the prompt is about within the case (the callback's id). */
    subjectId: z.string(),
    attempt: z.number().int().positive(),
  }),
  z.object({ type: z.literal("staff.verification-card"), team: TeamSchema, verificationId: z.string() }),
  /** The owner's photos of a case, posted in its card's thread (queued after the card, so delivered after it). */
  z.object({ type: z.literal("staff.case-photos"), team: TeamSchema, caseId: z.string() }),
  /**
   * A periodic summary for a team's channel (a month's service orders per customer), drawn at
   * delivery from the store by the adapter's renderer of `digest` for `period` (`YYYY-MM`).
   */
  z.object({ type: z.literal("staff.digest"), team: TeamSchema, digest: z.string(), period: z.string() }),
  z.object({
    type: z.literal("staff.alert"),
    team: TeamSchema,
    key: z.string(),
    params: MessageParamsSchema,
    mentions: z.array(z.string()),
    caseId: z.string().nullable(),
  }),
]);
export type OutboxPayload = z.infer<typeof OutboxPayloadSchema>;
export type StaffPayload = Exclude<OutboxPayload, { type: "owner.notice" }>;

export type OutboxChannel = "telegram" | "slack";

export function channelOf(payload: OutboxPayload): OutboxChannel {
  return payload.type === "owner.notice" ? "telegram" : "slack";
}

/**
 * Who sees the message: one owner's Telegram chat, or one team's Slack channel. This is the one
 * place a recipient is derived. One recipient's messages are delivered strictly in `seq` order:
 * a message waits while an earlier one to the same recipient is still pending or sending, even
 * when that one is waiting for its retry.
 *
 * An owner's quiet notices (`quiet: true`) are a stream of their own in the same chat
 * (`telegram:<chat>:quiet`). A quiet reminder that reaches the head of its queue at night is put
 * back until the morning; in the chat's one stream it would hold back, all night, the answer to a
 * button the owner taps at 23:00 and the receipt of a payment. Reminders stand alone (each lists
 * what is outstanding when it was written), so nothing is lost by their going after a later
 * answer; within each stream the order still holds (two reminders, or an answer and the next,
 * never swap). The chat's platform limit is the chat's, whichever stream a message is in.
 */
export function recipientOf(payload: OutboxPayload): string {
  if (payload.type !== "owner.notice") return `slack:${payload.team}`;
  return payload.quiet ? `telegram:${payload.chatId}:quiet` : `telegram:${payload.chatId}`;
}

/**
 * Messages that stand for one evolving thing (a case's card, one prompt) share a ref key: the
 * first delivery posts, later ones edit the posted message in place.
 */
export function refKeyOf(payload: OutboxPayload): string | null {
  switch (payload.type) {
    case "staff.case-card":
      return payload.copy ? `case-card:${payload.caseId}:${payload.team}` : `case-card:${payload.caseId}`;
    case "staff.case-prompt":
      return `prompt:${payload.prompt}:${payload.subjectId}:${payload.attempt}`;
    case "staff.verification-card":
      return `verification-card:${payload.verificationId}`;
    default:
      return null;
  }
}

export type OutboxStatus = "pending" | "sending" | "sent" | "dead";

export interface OutboxMessage {
  id: string;
  /** Monotonic order of writing; delivery to one recipient follows it. */
  seq: number;
  channel: OutboxChannel;
  /** `recipientOf(payload)`: delivery to one recipient follows `seq`, head of line first. */
  recipient: string;
  payload: OutboxPayload;
  refKey: string | null;
  status: OutboxStatus;
  attempts: number;
  notBefore: Date;
  platformMessageId: string | null;
  lastError: string | null;
  createdAt: Date;
}

/** Where a platform put a message, so it can be edited later. */
export interface MessageRef {
  channel: string;
  messageId: string;
}

/**
 * What a message taken back from a dead process says in `lastError`, kept after it is sent: the
 * dead process may have delivered it before dying, so its recipient may have it twice.
 */
export const resentAfterCrash = "taken back from a process that died sending it: it may reach its recipient twice";
