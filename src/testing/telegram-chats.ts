import type { Chat, Message, PhotoSize, ReplyKeyboardMarkup, User } from "grammy/types";
import { isRecord } from "./fake-http.js";
import type { FakeUploadedFile } from "./fake-http.js";
import { BotApiError, NOT_MODIFIED, badRequest, inlineKeyboard, renderFormattedText } from "./telegram-rules.js";
import { telegramChat, unixNow } from "./telegram-updates.js";

/** Everything the chats show, as plain JSON: what {@link TelegramChats.snapshot} returns and `restore` takes. */
export interface TelegramChatsSnapshot {
  chats: Record<string, Message[]>;
  lastMessageIds: Record<string, number>;
  knownChats: Record<string, Chat>;
  keyboards: Record<string, ReplyKeyboardMarkup>;
}

/**
 * What each Telegram chat shows: the bot's messages (per-chat increasing ids, shared with user messages), their
 * edits and deletions, and the reply keyboard. Methods take Bot API payloads and throw {@link BotApiError}s.
 */
export class TelegramChats {
  private readonly chats = new Map<string, Map<number, Message>>();
  private readonly lastMessageIds = new Map<string, number>();
  private readonly knownChats = new Map<string, Chat>();
  private readonly keyboards = new Map<string, ReplyKeyboardMarkup>();

  constructor(private readonly bot: User) {}

  messages(chatId: number | string): Message[] {
    return structuredClone([...(this.chats.get(String(chatId))?.values() ?? [])]);
  }

  replyKeyboard(chatId: number | string): ReplyKeyboardMarkup | undefined {
    const keyboard = this.keyboards.get(String(chatId));
    return keyboard === undefined ? undefined : structuredClone(keyboard);
  }

  snapshot(): TelegramChatsSnapshot {
    return structuredClone({
      chats: Object.fromEntries([...this.chats].map(([key, shown]) => [key, [...shown.values()]])),
      lastMessageIds: Object.fromEntries(this.lastMessageIds),
      knownChats: Object.fromEntries(this.knownChats),
      keyboards: Object.fromEntries(this.keyboards),
    });
  }

  /** Replaces everything shown with a snapshot (an empty one clears every chat). */
  restore(snapshot: TelegramChatsSnapshot): void {
    const copy = structuredClone(snapshot);
    this.chats.clear();
    for (const [key, messages] of Object.entries(copy.chats)) {
      this.chats.set(key, new Map(messages.map((message) => [message.message_id, message])));
    }
    const replace = <V>(target: Map<string, V>, entries: Record<string, V>) => {
      target.clear();
      for (const [key, value] of Object.entries(entries)) target.set(key, value);
    };
    replace(this.lastMessageIds, copy.lastMessageIds);
    replace(this.knownChats, copy.knownChats);
    replace(this.keyboards, copy.keyboards);
  }

  /** Remembers a chat seen in an update, so bot messages there carry the same `chat` object. */
  remember(chat: Chat): void {
    this.knownChats.set(String(chat.id), chat);
  }

  nextMessageId(key: string): number {
    const id = (this.lastMessageIds.get(key) ?? 0) + 1;
    this.lastMessageIds.set(key, id);
    return id;
  }

  sendMessage(p: Record<string, unknown>): Message {
    return this.store(p, { text: this.rendered(p.text, p.parse_mode, "text"), ...this.entities(p.entities) });
  }

  sendPhoto(p: Record<string, unknown>, files: FakeUploadedFile[]): Message {
    if (typeof p.photo !== "string" || p.photo === "") throw badRequest("there is no photo in the request");
    const attached = p.photo.startsWith("attach://") ? p.photo.slice("attach://".length) : undefined;
    const upload = files.find((file) => file.field === attached);
    const seed = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const largest = /^(attach|https?):\/\//.test(p.photo) ? `AgACAgIAAxkDAAI${seed}` : p.photo;
    const photo: PhotoSize[] = [90, 320, 800].map((width, index) => ({
      file_id: index === 2 ? largest : `AgACAgIAAxkDAAI${seed}${index}`,
      file_unique_id: `AQAD${seed.slice(0, 8)}${index}`,
      width,
      height: Math.round(width * 0.75),
      file_size: index === 2 && upload !== undefined ? upload.size : 1_500 * 8 ** index,
    }));
    const caption = p.caption === undefined ? {} : { caption: this.rendered(p.caption, p.parse_mode, "caption") };
    return this.store(p, { photo, ...caption });
  }

  edit(p: Record<string, unknown>, method: string): Message | true {
    const markup = inlineKeyboard(p.reply_markup);
    if (p.inline_message_id !== undefined) return true;
    const { key } = this.chatOf(p.chat_id);
    const current = this.chats.get(key)?.get(Number(p.message_id));
    if (current === undefined) throw badRequest("message to edit not found");
    const next: Message = { ...current };
    delete next.reply_markup;
    if (markup) next.reply_markup = markup;
    if (method === "editMessageText") {
      if (current.text === undefined) throw badRequest("there is no text in the message to edit");
      next.text = this.rendered(p.text, p.parse_mode, "text");
    } else if (method === "editMessageCaption") {
      if (current.photo === undefined) throw badRequest("there is no caption in the message to edit");
      next.caption = this.rendered(p.caption, p.parse_mode, "caption");
    }
    const shown = (m: Message): string => JSON.stringify([m.text, m.caption, m.reply_markup ?? null]);
    if (shown(next) === shown(current)) throw new BotApiError(400, NOT_MODIFIED);
    next.edit_date = unixNow();
    this.chats.get(key)?.set(current.message_id, next);
    return structuredClone(next);
  }

  deleteMessages(chatId: unknown, messageIds: unknown[], mustExist: boolean): true {
    const { key } = this.chatOf(chatId);
    const shown = this.chats.get(key);
    const ids = messageIds.map(Number);
    if (mustExist && !ids.every((id) => shown?.has(id) === true)) throw badRequest("message to delete not found");
    for (const id of ids) shown?.delete(id);
    return true;
  }

  private store(p: Record<string, unknown>, content: Partial<Message>): Message {
    const { key, chat } = this.chatOf(p.chat_id);
    const markup = inlineKeyboard(p.reply_markup);
    if (isRecord(p.reply_markup) && Array.isArray(p.reply_markup.keyboard)) {
      this.keyboards.set(key, p.reply_markup as unknown as ReplyKeyboardMarkup);
    }
    if (isRecord(p.reply_markup) && p.reply_markup.remove_keyboard === true) this.keyboards.delete(key);
    const message = {
      message_id: this.nextMessageId(key),
      from: this.bot,
      chat,
      date: unixNow(),
      ...content,
      ...(markup ? { reply_markup: markup } : {}),
    } as Message;
    const shown = this.chats.get(key) ?? new Map<number, Message>();
    shown.set(message.message_id, message);
    this.chats.set(key, shown);
    return structuredClone(message);
  }

  private chatOf(chatId: unknown): { key: string; chat: Chat } {
    if (chatId === undefined || chatId === null || chatId === "") throw badRequest("chat_id is empty");
    const key = String(chatId);
    const known = this.knownChats.get(key);
    if (known !== undefined) return { key, chat: known };
    if (!/^-?\d+$/.test(key)) throw badRequest("chat not found");
    return { key, chat: telegramChat(Number(key)) };
  }

  private rendered(text: unknown, parseMode: unknown, kind: "text" | "caption"): string {
    const shown = renderFormattedText(typeof text === "string" ? text : String(text ?? ""), parseMode);
    if (kind === "text" && shown.trim() === "") throw badRequest("message text is empty");
    if (kind === "text" && shown.length > 4096) throw badRequest("message is too long");
    if (kind === "caption" && shown.length > 1024) throw badRequest("message caption is too long");
    return shown;
  }

  private entities(entities: unknown): Pick<Message, "entities"> {
    return Array.isArray(entities) ? { entities: entities as Message["entities"] } : {};
  }
}
