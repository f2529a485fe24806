import { randomUUID } from "node:crypto";
import type { InlineKeyboardButton, KeyboardButton, Message, Update } from "grammy/types";
import type { TimeSource } from "../core/ports/time-source.js";
import {
  callbackQueryUpdate,
  commandUpdate,
  contactUpdate,
  photoUpdate,
  textMessageUpdate,
  type FakeTelegram,
  type FakeUser,
  type TelegramCall,
} from "../testing/fake-telegram-server.js";
import type { DemoOwner } from "./demo-data.js";
import type { LiveEvents } from "./live-events.js";
import type { OwnerSent, Screens } from "./screens.js";

/** One bubble of the phone's chat, oldest first. */
export interface ChatBubble {
  id: number;
  from: "owner" | "bot";
  /** Product time it appeared at (ISO). */
  at: string;
  edited: boolean;
  text?: string;
  photoUrl?: string;
  contact?: { phone: string; name: string };
  buttons?: { text: string; data?: string; url?: string }[][];
}

/** What an owner's phone shows: the chat, the keyboard under the input field, the bot's command menu. */
export interface PhoneScreen {
  ownerId: number;
  bubbles: ChatBubble[];
  replyKeyboard: { rows: { text: string; requestContact: boolean }[][]; oneTime: boolean } | null;
  commands: { command: string; description: string }[];
}

/** An owner action refused by the page's rules (unknown message or button). */
export class PhoneError extends Error {
  override readonly name = "PhoneError";
}

/** Callback queries remembered to show their answer in the right phone; answers come within seconds. */
const rememberedQueries = 200;
const chatChangingMethods = new Set(["sendMessage", "sendPhoto", "editMessageText", "editMessageCaption", "editMessageReplyMarkup", "deleteMessage", "deleteMessages"]);

/**
 * The owners' Telegram clients. Everything an owner does on the page becomes an update pushed
 * into the fake Bot API, which the real bot fetches by long polling; what the bot sends is read
 * back from the fake. Only the owner's own messages are kept here, because the Bot API never
 * returns them.
 */
export class OwnerPhones {
  private readonly callbackChats = new Map<string, number>();

  constructor(
    private readonly telegram: FakeTelegram,
    private readonly owners: readonly DemoOwner[],
    private readonly screens: Screens,
    private readonly time: TimeSource,
    private readonly events: LiveEvents,
  ) {
    telegram.on("call", (call) => this.observe(call));
  }

  owner(ownerId: number): DemoOwner {
    const owner = this.owners.find((candidate) => candidate.ownerUserId === ownerId);
    if (!owner) throw new PhoneError(`no demo owner ${ownerId}`);
    return owner;
  }

  screen(ownerId: number): PhoneScreen {
    const owner = this.owner(ownerId);
    const chat = String(ownerId);
    const fromBot = this.telegram.chat(ownerId).map((message) => this.botBubble(chat, message));
    const fromOwner = (this.screens.sent.get(chat) ?? []).map((sent) => ownerBubble(sent));
    const keyboard = this.telegram.replyKeyboard(ownerId);
    const hidden = keyboard?.one_time_keyboard === true && this.screens.hiddenKeyboards.has(chat);
    return {
      ownerId,
      bubbles: [...fromBot, ...fromOwner].sort((a, b) => a.id - b.id),
      replyKeyboard:
        keyboard && !hidden
          ? { rows: keyboard.keyboard.map((row) => row.map((button) => keyboardButton(button))), oneTime: keyboard.one_time_keyboard === true }
          : null,
      commands: this.commands(owner),
    };
  }

  /** Text typed into the input field; `/word` is sent as a command, as Telegram clients do. */
  sendText(ownerId: number, text: string): void {
    const user = this.user(ownerId);
    const command = /^\/([a-z0-9_]{1,32})(?:\s+(.*))?$/i.exec(text);
    const update = command
      ? commandUpdate({ user, updateId: this.telegram.nextUpdateId(), command: command[1] ?? "", ...(command[2] ? { args: command[2] } : {}) })
      : textMessageUpdate({ user, updateId: this.telegram.nextUpdateId(), text });
    this.push(ownerId, update, { text });
  }

  /** A reply-keyboard button: its text, or the owner's own contact for a `request_contact` button. */
  pressKeyboard(ownerId: number, text: string): void {
    const keyboard = this.telegram.replyKeyboard(ownerId);
    const button = keyboard?.keyboard.flat().map(keyboardButton).find((candidate) => candidate.text === text);
    if (!keyboard || !button) throw new PhoneError("that button is not on the keyboard");
    if (keyboard.one_time_keyboard) this.screens.hiddenKeyboards.add(String(ownerId));
    if (button.requestContact) this.shareContact(ownerId);
    else this.sendText(ownerId, text);
  }

  /** The owner's own contact card, as the `request_contact` button shares it. */
  shareContact(ownerId: number): void {
    const owner = this.owner(ownerId);
    const user = this.user(ownerId);
    const update = contactUpdate({ user, updateId: this.telegram.nextUpdateId(), phone: owner.phone.replace(/^\+/, ""), contactUserId: ownerId });
    this.push(ownerId, update, { contact: { phone: owner.phone, name: user.first_name } });
  }

  async sendPhoto(ownerId: number, contentType: string, bytes: Buffer): Promise<void> {
    const user = this.user(ownerId);
    const fileId = `AgACAgIAAxkBAAPlay${randomUUID().replace(/-/g, "")}`;
    await this.screens.savePhoto(fileId, contentType, bytes);
    this.telegram.setFileContent(fileId, bytes);
    this.push(ownerId, photoUpdate({ user, updateId: this.telegram.nextUpdateId(), fileIds: [fileId] }), { photo: fileId });
  }

  /** An inline button under one of the bot's messages. */
  pressInline(ownerId: number, messageId: number, data: string): void {
    const message = this.telegram.chat(ownerId).find((candidate) => candidate.message_id === messageId);
    const buttons = (message?.reply_markup?.inline_keyboard ?? []).flat() as InlineKeyboardButton[];
    if (!message || !buttons.some((button) => "callback_data" in button && button.callback_data === data)) {
      throw new PhoneError("that button is no longer under the message");
    }
    const update = callbackQueryUpdate({ user: this.user(ownerId), updateId: this.telegram.nextUpdateId(), data, message });
    if (update.callback_query) this.callbackChats.set(update.callback_query.id, ownerId);
    if (this.callbackChats.size > rememberedQueries) this.callbackChats.delete(this.callbackChats.keys().next().value as string);
    this.telegram.pushUpdate(update);
    // The update counter is part of the saved screens: without it a restart would hand out ids
    // the product already handled, and drop them.
    this.screens.changed();
  }

  private user(ownerId: number): FakeUser {
    const owner = this.owner(ownerId);
    return { id: owner.ownerUserId, first_name: owner.firstName, ...(owner.lastName ? { last_name: owner.lastName } : {}), language_code: owner.languageCode };
  }

  private push(ownerId: number, update: Update, content: Omit<OwnerSent, "id" | "at">): void {
    // The fake numbers the message as Telegram would (shared with the bot's ids), so bubbles sort by id.
    this.telegram.pushUpdate(update);
    const chat = String(ownerId);
    const id = update.message?.message_id ?? 0;
    this.screens.sent.set(chat, [...(this.screens.sent.get(chat) ?? []), { id, at: this.time.now().toISOString(), ...content }]);
    this.screens.changed();
    this.events.publish({ type: "chat", ownerId });
  }

  private botBubble(chat: string, message: Message): ChatBubble {
    const buttons = (message.reply_markup?.inline_keyboard ?? []).map((row) =>
      row.map((button) => ({
        text: button.text,
        ...("callback_data" in button && button.callback_data ? { data: button.callback_data } : {}),
        ...("url" in button && button.url ? { url: button.url } : {}),
      })),
    );
    const at = this.screens.shownAt.get(`t:${chat}:${message.message_id}`) ?? new Date(message.date * 1000).toISOString();
    return {
      id: message.message_id,
      from: "bot",
      at,
      edited: message.edit_date !== undefined,
      ...(message.text !== undefined ? { text: message.text } : {}),
      ...(message.caption !== undefined ? { text: message.caption } : {}),
      ...(message.photo ? { photoUrl: "/playground/assets/photo-placeholder.svg" } : {}),
      ...(buttons.length > 0 ? { buttons } : {}),
    };
  }

  private commands(owner: DemoOwner): { command: string; description: string }[] {
    const published = this.telegram.callsOf("setMyCommands").filter((call) => call.response?.status === 200);
    const language = owner.languageCode.slice(0, 2);
    const mine = published.filter((call) => call.payload.language_code === language).at(-1) ?? published.filter((call) => !call.payload.language_code).at(-1);
    const commands = mine?.payload.commands;
    return Array.isArray(commands) ? (commands as { command: string; description: string }[]) : [];
  }

  private observe(call: TelegramCall): void {
    if (call.response?.status !== 200) return;
    if (call.method === "answerCallbackQuery") {
      const ownerId = this.callbackChats.get(String(call.payload.callback_query_id));
      const text = typeof call.payload.text === "string" ? call.payload.text : "";
      if (ownerId !== undefined && text) this.events.publish({ type: "toast", ownerId, text });
      return;
    }
    if (call.method === "sendChatAction") {
      this.events.publish({ type: "typing", ownerId: Number(call.payload.chat_id) });
      return;
    }
    if (!chatChangingMethods.has(call.method)) return;
    const chat = String(call.payload.chat_id);
    const result = (call.response.body as { result?: unknown }).result;
    if ((call.method === "sendMessage" || call.method === "sendPhoto") && isMessage(result)) {
      this.screens.shownAt.set(`t:${chat}:${result.message_id}`, this.time.now().toISOString());
    }
    if (call.method === "sendMessage" && hasReplyKeyboard(call.payload.reply_markup)) this.screens.hiddenKeyboards.delete(chat);
    this.screens.changed();
    this.events.publish({ type: "chat", ownerId: Number(chat) });
  }
}

function ownerBubble(sent: OwnerSent): ChatBubble {
  return {
    id: sent.id,
    from: "owner",
    at: sent.at,
    edited: false,
    ...(sent.text !== undefined ? { text: sent.text } : {}),
    ...(sent.photo !== undefined ? { photoUrl: `/playground/api/photos/${encodeURIComponent(sent.photo)}` } : {}),
    ...(sent.contact !== undefined ? { contact: sent.contact } : {}),
  };
}

function keyboardButton(button: KeyboardButton): { text: string; requestContact: boolean } {
  return typeof button === "string" ? { text: button, requestContact: false } : { text: button.text, requestContact: "request_contact" in button && button.request_contact === true };
}

function isMessage(value: unknown): value is Message {
  return typeof value === "object" && value !== null && typeof (value as { message_id?: unknown }).message_id === "number";
}

function hasReplyKeyboard(markup: unknown): boolean {
  return typeof markup === "object" && markup !== null && Array.isArray((markup as { keyboard?: unknown }).keyboard);
}
