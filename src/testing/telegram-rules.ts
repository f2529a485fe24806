import type { InlineKeyboardMarkup } from "grammy/types";
import { isRecord } from "./fake-http.js";

/** A Bot API error the fake answers with: HTTP status = `error_code`, as Telegram does. */
export class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number },
  ) {
    super(description);
  }

  toJSON(): Record<string, unknown> {
    const parameters = this.parameters !== undefined ? { parameters: this.parameters } : {};
    return { ok: false, error_code: this.code, description: this.description, ...parameters };
  }
}

/** An injected failure: HTTP status = `error_code`, with Telegram's default description for common codes. */
export interface TelegramFailure {
  status: number;
  description?: string;
  retryAfter?: number;
  migrateToChatId?: number;
}

export const CONFLICT =
  "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running";
export const NOT_MODIFIED =
  "Bad Request: message is not modified: specified new message content and reply markup are exactly the same " +
  "as a current content and reply markup of the message";
const DESCRIPTIONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden: bot was blocked by the user",
  404: "Not Found",
  409: CONFLICT,
  500: "Internal Server Error",
};

export function badRequest(detail: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${detail}`);
}

/** The error Telegram would send for an injected failure (429 defaults to `retry_after: 1`). */
export function injectedError(failure: TelegramFailure): BotApiError {
  const retryAfter = failure.status === 429 ? (failure.retryAfter ?? 1) : failure.retryAfter;
  const fallback = failure.status === 429 ? `Too Many Requests: retry after ${retryAfter}` : DESCRIPTIONS[failure.status];
  const description = failure.description ?? fallback ?? "Error";
  const parameters = {
    ...(retryAfter !== undefined ? { retry_after: retryAfter } : {}),
    ...(failure.migrateToChatId !== undefined ? { migrate_to_chat_id: failure.migrateToChatId } : {}),
  };
  return new BotApiError(failure.status, description, Object.keys(parameters).length > 0 ? parameters : undefined);
}

/** The calls that put a message in a chat, which Telegram's broadcast limit counts. */
const MESSAGE_METHODS: ReadonlySet<string> = new Set(["sendMessage", "sendPhoto", "editMessageText", "editMessageCaption", "editMessageReplyMarkup"]);

/**
 * Telegram's limit on a bot's messages overall (about 30 a second): a message beyond `perSecond`
 * in the last 1,000 ms is refused with 429 and `retry_after` in whole seconds, as Telegram does.
 * Refused calls do not count.
 */
export class BroadcastLimit {
  private readonly accepted: number[] = [];

  constructor(private readonly perSecond: number) {}

  /** Throws the 429 for a message call over the limit at `nowMs`; otherwise counts it. */
  admit(method: string, nowMs: number): void {
    if (!MESSAGE_METHODS.has(method)) return;
    while (this.accepted.length > 0 && (this.accepted[0] as number) <= nowMs - 1000) this.accepted.shift();
    if (this.accepted.length >= this.perSecond) {
      const retryAfter = Math.max(1, Math.ceil(((this.accepted[0] as number) + 1000 - nowMs) / 1000));
      throw injectedError({ status: 429, retryAfter });
    }
    this.accepted.push(nowMs);
  }
}

/** Decodes a multipart/urlencoded field as Telegram reads it: JSON objects/arrays parsed, `*_id` integers numeric. */
export function decodeFormValue(key: string, value: unknown): unknown {
  if (typeof value !== "string" || key === "text" || key === "caption") return value;
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return /(^|_)id$|^(offset|limit|timeout)$/.test(key) && /^-?\d+$/.test(value) ? Number(value) : value;
}

/** The inline keyboard a message will carry (none if empty); `callback_data` must be 1–64 bytes (BUTTON_DATA_INVALID). */
export function inlineKeyboard(markup: unknown): InlineKeyboardMarkup | undefined {
  if (!isRecord(markup) || !Array.isArray(markup.inline_keyboard)) return undefined;
  for (const button of markup.inline_keyboard.flat() as unknown[]) {
    const data = isRecord(button) ? button.callback_data : undefined;
    if (typeof data === "string" && (data === "" || Buffer.byteLength(data) > 64)) {
      throw badRequest("BUTTON_DATA_INVALID");
    }
  }
  return markup.inline_keyboard.length > 0 ? (markup as unknown as InlineKeyboardMarkup) : undefined;
}

const HTML_TAGS = new Set([
  "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre",
  "blockquote", "tg-time",
]);
const NAMED_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };
const MARKDOWN_V2_RESERVED = "_*[]()~`>#+-=|{}.!";

function byteOffset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), "utf8");
}

function parseError(detail: string): BotApiError {
  return badRequest(`can't parse entities: ${detail}`);
}

function decodeEntity(name: string): string | undefined {
  if (/^#x/i.test(name)) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
  if (name.startsWith("#")) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
  return NAMED_ENTITIES[name.toLowerCase()];
}

function renderHtml(text: string): string {
  const stack: string[] = [];
  let shown = "";
  let last = 0;
  const token = /<(\/?)([^\s>/]*)[^>]*>|<|&(#\d+|#x[0-9a-f]+|[a-z]+);/gi;
  for (let match = token.exec(text); match !== null; match = token.exec(text)) {
    shown += text.slice(last, match.index);
    last = token.lastIndex;
    const [whole, closing, rawName, entity] = match;
    if (entity !== undefined) {
      shown += decodeEntity(entity) ?? whole;
      continue;
    }
    const name = (rawName ?? "").toLowerCase();
    if (whole === "<" || !HTML_TAGS.has(name)) {
      throw parseError(`Unsupported start tag "${name}" at byte offset ${byteOffset(text, match.index)}`);
    }
    const open = closing === "/" ? stack.pop() : undefined;
    if (closing !== "/") {
      stack.push(name);
    } else if (open !== name) {
      const expected = open === undefined ? "" : `, expected "</${open}>", found "</${name}>"`;
      throw parseError(`Unmatched end tag at byte offset ${byteOffset(text, match.index)}${expected}`);
    }
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) throw parseError(`Can't find end tag corresponding to start tag "${unclosed}"`);
  return shown + text.slice(last);
}

function renderMarkdownV2(text: string): string {
  let shown = "";
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    const lineStart = index === 0 || text.charAt(index - 1) === "\n";
    if (char === "\\") {
      shown += text.charAt(index + 1);
      index += 1;
    } else if ("*_~|`[".includes(char) || (char === ">" && lineStart)) {
      continue;
    } else if (char === "]") {
      const end = text.charAt(index + 1) === "(" ? text.indexOf(")", index) : -1;
      index = end === -1 ? index : end;
    } else if (MARKDOWN_V2_RESERVED.includes(char)) {
      const offset = byteOffset(text, index);
      const detail = `Character '${char}' is reserved and must be escaped with the preceding '\\'`;
      throw parseError(`${detail} at byte offset ${offset}`);
    } else {
      shown += char;
    }
  }
  return shown;
}

/**
 * The text a Telegram client shows for `text` sent with `parseMode`, throwing the Bot API's 400 "can't parse
 * entities" error where Telegram would (unsupported or unbalanced HTML tags, a bare `<`; unescaped MarkdownV2
 * reserved characters outside formatting). Entities are not computed.
 */
export function renderFormattedText(text: string, parseMode: unknown): string {
  if (parseMode === "HTML") return renderHtml(text);
  if (parseMode === "MarkdownV2") return renderMarkdownV2(text);
  if (parseMode === "Markdown") return text.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`]/g, "");
  return text;
}
