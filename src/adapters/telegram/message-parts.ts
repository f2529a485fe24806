import type { Transformer } from "grammy";

/** Telegram refuses a text message longer than this ("message is too long"), counted in UTF-16 units. */
export const telegramTextMaxLength = 4096;

/** What ends an edited message that had to be cut: an edit cannot become several messages. */
const cutMark = "…";

/**
 * Splits `text` into parts of at most `max` characters, in order, at the last line break that
 * leaves a part at least half full, else at the last space, else anywhere but inside a surrogate
 * pair (an emoji is never halved). The breaking line break or space is dropped; nothing else is.
 * Deterministic: the same text always gives the same parts, which is what lets a retried
 * delivery skip the parts it already sent.
 */
export function splitMessageText(text: string, max: number = telegramTextMaxLength): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    const floor = Math.floor(max / 2);
    let cut = window.lastIndexOf("\n");
    let skip = 1;
    if (cut < floor) cut = Math.max(window.lastIndexOf(" "), window.lastIndexOf("\u3000"));
    if (cut < floor) {
      cut = max;
      skip = 0;
      const code = rest.charCodeAt(cut - 1);
      if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    }
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut + skip);
  }
  parts.push(rest);
  return parts;
}

/** `text` cut to `max` characters with a visible mark, for an edit that cannot be split. */
export function cutMessageText(text: string, max: number = telegramTextMaxLength): string {
  if (text.length <= max) return text;
  return `${splitMessageText(text, max - cutMark.length)[0]}${cutMark}`;
}

/**
 * API transformer for what handlers send straight away (`/mine`, `/fees`, a conversation's
 * summary): a `sendMessage` over 4096 characters goes as several messages in order, split by
 * {@link splitMessageText}, the reply markup (the keyboard) on the last one only, and the caller
 * gets the last message; an `editMessageText` over the limit is cut with a mark. Install it after
 * the rate-limit retry, so each part is retried on its own and a 429 on the third part never
 * sends the first two again. A part that still fails ends the series with its error: the parts
 * before it are in the chat, the ones after it are not sent.
 */
export function splitLongMessages(max: number = telegramTextMaxLength): Transformer {
  return async (prev, method, payload, signal) => {
    const text = (payload as { text?: unknown }).text;
    if (typeof text !== "string" || text.length <= max) return prev(method, payload, signal);
    if (method === "editMessageText") return prev(method, { ...payload, text: cutMessageText(text, max) }, signal);
    if (method !== "sendMessage") return prev(method, payload, signal);
    const parts = splitMessageText(text, max);
    const { reply_markup: markup, ...plain } = payload as typeof payload & { reply_markup?: unknown };
    for (const [index, part] of parts.entries()) {
      const last = index === parts.length - 1;
      const sent = await prev(method, { ...plain, text: part, ...(last && markup !== undefined ? { reply_markup: markup } : {}) } as typeof payload, signal);
      if (!sent.ok || last) return sent;
    }
    throw new Error("unreachable: a split message has at least one part");
  };
}
