import type { OutboxPayload } from "../../../core/domain/outbox.js";
import { escapeMrkdwn, type KnownBlock, mrkdwn, type SlackMessage, type Translate, truncate } from "./format.js";

/** The outbox payload of an alert, as the core queues it. */
export type StaffAlertPayload = Extract<OutboxPayload, { type: "staff.alert" }>;

/**
 * An escalation or problem alert in a team channel. The core names the alert by key
 * (`alerts.callback_overdue`) in the staff namespace; mentions become `<@U…>` so the people
 * responsible are notified. Instants in the params are formatted by the translator.
 */
export function alertBlocks(payload: StaffAlertPayload, t: Translate): SlackMessage {
  const sentence = escapeMrkdwn(t(`staff:${payload.key}`, payload.params));
  const mentions = payload.mentions.map((id) => `<@${id}>`).join(" ");
  const text = mentions ? `${mentions} ${sentence}` : sentence;
  const blocks: KnownBlock[] = [{ type: "section", text: mrkdwn(truncate(`:rotating_light: ${text}`, 3000)) }];
  return { text, blocks };
}
