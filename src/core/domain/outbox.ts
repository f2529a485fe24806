import { z } from "zod";
import { LocaleSchema, TeamSchema } from "./registry.js";

/** Message parameters; instants travel as ISO strings under `{ instant }` and are shown in the property's zone. */
export const MessageParamSchema = z.union([z.string(), z.number(), z.object({ instant: z.string() })]);
export type MessageParam = z.infer<typeof MessageParamSchema>;
export const MessageParamsSchema = z.record(z.string(), MessageParamSchema);
export type MessageParams = z.infer<typeof MessageParamsSchema>;

/** Buttons the owner can press; adapters encode them as platform callback data. */
export const OwnerActionSchema = z.discriminatedUnion("type", [
  /** `proposedAt` is the instant the button answers: a newer proposal makes the old button stale. */
  z.object({ type: z.literal("appointment.confirm"), ticketId: z.string(), proposedAt: z.string() }),
  z.object({ type: z.literal("appointment.other"), ticketId: z.string(), proposedAt: z.string() }),
  z.object({ type: z.literal("fixed.yes"), ticketId: z.string() }),
  z.object({ type: z.literal("fixed.no"), ticketId: z.string() }),
]);
export type OwnerAction = z.infer<typeof OwnerActionSchema>;

export const OutboxPayloadSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("owner.notice"),
    chatId: z.string(),
    locale: LocaleSchema,
    key: z.string(),
    params: MessageParamsSchema,
    actions: z.array(OwnerActionSchema).default([]),
  }),
  z.object({ type: z.literal("staff.ticket-card"), team: TeamSchema, ticketId: z.string() }),
  z.object({ type: z.literal("staff.callback-prompt"), ticketId: z.string(), callbackId: z.string(), attempt: z.number().int().positive() }),
  z.object({ type: z.literal("staff.verification-card"), verificationId: z.string() }),
  z.object({
    type: z.literal("staff.alert"),
    team: TeamSchema,
    key: z.string(),
    params: MessageParamsSchema,
    mentions: z.array(z.string()),
    ticketId: z.string().nullable(),
  }),
]);
export type OutboxPayload = z.infer<typeof OutboxPayloadSchema>;

export type OutboxChannel = "telegram" | "slack";

export function channelOf(payload: OutboxPayload): OutboxChannel {
  return payload.type === "owner.notice" ? "telegram" : "slack";
}

/**
 * Who sees the message: one owner's Telegram chat, or the Slack channel of a team (callback
 * prompts and verification cards go to the front desk's). One recipient's messages are delivered
 * strictly in `seq` order: a message waits while an earlier one to the same recipient is still
 * pending or sending, even when that one is waiting for its retry.
 */
export function recipientOf(payload: OutboxPayload): string {
  switch (payload.type) {
    case "owner.notice":
      return `telegram:${payload.chatId}`;
    case "staff.ticket-card":
    case "staff.alert":
      return `slack:${payload.team}`;
    case "staff.callback-prompt":
    case "staff.verification-card":
      return "slack:frontdesk";
  }
}

/**
 * Messages that stand for one evolving thing (a ticket's dispatch card) share a ref key: the
 * first delivery posts, later ones edit the posted message in place.
 */
export function refKeyOf(payload: OutboxPayload): string | null {
  switch (payload.type) {
    case "staff.ticket-card":
      return `ticket-card:${payload.ticketId}`;
    case "staff.callback-prompt":
      return `callback-prompt:${payload.callbackId}:${payload.attempt}`;
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
