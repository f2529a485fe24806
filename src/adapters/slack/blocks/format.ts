import type { types } from "@slack/bolt";
import type { MessageParams } from "../../../core/domain/outbox.js";
import type { Unit } from "../../../core/domain/registry.js";

/** Block Kit blocks allowed in messages and modals. */
export type KnownBlock = types.KnownBlock;

/** Renders a staff message key (namespaced, e.g. `staff:card.owner`) in the staff's language. */
export type Translate = (key: string, params?: MessageParams) => string;

/** Shows an instant in the property's zone, in the staff's language. */
export type FormatInstant = (at: Date) => string;

/**
 * A message ready for `chat.postMessage`/`chat.update`. `text` is the plain fallback Slack uses
 * in notifications, screen readers and clients that cannot draw blocks; it is always present.
 */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * Escapes text typed by owners or staff before it goes into mrkdwn. Without it an owner writing
 * `<!channel>` in a repair description would notify the whole channel.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Cuts text to Slack's field limits, marking the cut with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A phone as staff may see it in a shared channel: enough to recognise, not to dial
 * (`+8613800000001` → `+86 138****0001`).
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, "");
  if (digits.startsWith("86") && digits.length === 13) return `+86 ${digits.slice(2, 5)}****${digits.slice(9)}`;
  if (digits.length < 8) return `****${digits.slice(-2)}`;
  return `+${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** `building-unit`, as the front desk writes addresses (3-1202). */
export function unitLabel(unit: Pick<Unit, "building" | "unit"> | null): string {
  return unit ? `${unit.building}-${unit.unit}` : "?";
}

/** A plain_text object (button labels, headers, modal titles). */
export function plain(text: string): types.PlainTextElement {
  return { type: "plain_text", text, emoji: true };
}

/** A mrkdwn text object; escape anything typed by people with {@link escapeMrkdwn} first. */
export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: "mrkdwn", text };
}

/** A labelled field (`*Label*\nvalue`); the value is escaped here, the label is ours. */
export function field(label: string, value: string): types.MrkdwnElement {
  return mrkdwn(truncate(`*${label}*\n${escapeMrkdwn(value)}`, 2000));
}

/** Sections of at most ten fields each, Slack's limit per section. */
export function fieldSections(fields: types.MrkdwnElement[]): KnownBlock[] {
  const sections: KnownBlock[] = [];
  for (let i = 0; i < fields.length; i += 10) sections.push({ type: "section", fields: fields.slice(i, i + 10) });
  return sections;
}

/** A small grey line of mrkdwn under the main content. */
export function context(text: string): KnownBlock {
  return { type: "context", elements: [mrkdwn(truncate(text, 2000))] };
}

/** A button; labels are cut at Slack's 75 characters so a long translation never breaks a card. */
export function button(actionId: string, text: string, value: string, style?: "primary" | "danger"): types.Button {
  return { type: "button", action_id: actionId, text: plain(truncate(text, 75)), value, ...(style ? { style } : {}) };
}
