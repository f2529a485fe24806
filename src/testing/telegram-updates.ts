import type { Chat, Message, Update, User } from "grammy/types";

/**
 * A Telegram user as tests describe them. `language_code` drives the owner's locale; omit it to mimic clients
 * that don't send one.
 */
export interface FakeUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

/** Common inputs of message-shaped updates. `chatId` defaults to the user's private chat (`user.id`). */
export interface MessageUpdateInput {
  user: FakeUser;
  chatId?: number;
  messageId?: number;
  updateId?: number;
  date?: number;
}

let lastUpdateId = 700_000_000;
let lastMessageId = 0;

/** The next update_id: strictly increasing across every builder call in this process. */
export function nextUpdateId(): number {
  lastUpdateId += 1;
  return lastUpdateId;
}

/** Unix seconds, as Telegram dates are. */
export function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** The `User` object Telegram puts in `from` for a human. */
export function telegramUser(user: FakeUser): User {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.first_name,
    ...(user.last_name !== undefined ? { last_name: user.last_name } : {}),
    ...(user.username !== undefined ? { username: user.username } : {}),
    ...(user.language_code !== undefined ? { language_code: user.language_code } : {}),
  };
}

/** The `Chat` object for a chat id: positive ids are private chats with `user`, negative ids are groups. */
export function telegramChat(chatId: number, user?: FakeUser): Chat {
  if (chatId < 0) return { id: chatId, type: "group", title: "Test group" };
  return {
    id: chatId,
    type: "private",
    first_name: user?.first_name ?? "Owner",
    ...(user?.last_name !== undefined ? { last_name: user.last_name } : {}),
    ...(user?.username !== undefined ? { username: user.username } : {}),
  };
}

function baseMessage(input: MessageUpdateInput): Message & Update.NonChannel {
  const messageId = input.messageId ?? lastMessageId + 1;
  lastMessageId = Math.max(lastMessageId, messageId);
  const chatId = input.chatId ?? input.user.id;
  return {
    message_id: messageId,
    from: telegramUser(input.user),
    chat: telegramChat(chatId, chatId === input.user.id ? input.user : undefined),
    date: input.date ?? unixNow(),
  } as Message & Update.NonChannel;
}

function wrap(message: Message & Update.NonChannel, updateId: number | undefined): Update {
  return { update_id: updateId ?? nextUpdateId(), message };
}

/** A plain text message from `user`. */
export function textMessageUpdate(input: MessageUpdateInput & { text: string }): Update {
  return wrap({ ...baseMessage(input), text: input.text }, input.updateId);
}

/**
 * A command message such as `/start` or `/start deep-link-payload`: text `/${command} ${args}` with a
 * `bot_command` entity over the command, as Telegram sends it. `command` may be given with or without the slash.
 */
export function commandUpdate(
  input: MessageUpdateInput & { command: string; args?: string; botUsername?: string },
): Update {
  const name = input.command.startsWith("/") ? input.command.slice(1) : input.command;
  const commandText = `/${name}${input.botUsername !== undefined ? `@${input.botUsername}` : ""}`;
  const text = input.args !== undefined && input.args !== "" ? `${commandText} ${input.args}` : commandText;
  return wrap(
    { ...baseMessage(input), text, entities: [{ type: "bot_command", offset: 0, length: commandText.length }] },
    input.updateId,
  );
}

/**
 * A shared contact. By default it is the sender's own contact (as a `request_contact` keyboard button produces):
 * `contact.user_id === user.id`. Pass `contactUserId: null` for a contact card without a Telegram account.
 */
export function contactUpdate(
  input: MessageUpdateInput & { phone: string; contactUserId?: number | null; firstName?: string; lastName?: string },
): Update {
  const contactUserId = input.contactUserId === undefined ? input.user.id : input.contactUserId;
  const contact = {
    phone_number: input.phone,
    first_name: input.firstName ?? input.user.first_name,
    ...(input.lastName !== undefined ? { last_name: input.lastName } : {}),
    ...(contactUserId !== null ? { user_id: contactUserId } : {}),
  };
  return wrap({ ...baseMessage(input), contact }, input.updateId);
}

const PHOTO_WIDTHS = [90, 320, 800, 1280];

/**
 * A photo message. `fileIds` are the sizes Telegram generated for ONE photo, smallest first (Telegram sends
 * several; the last is the largest). Pass `mediaGroupId` to mark it as part of an album (one update per photo).
 */
export function photoUpdate(
  input: MessageUpdateInput & { fileIds: readonly string[]; caption?: string; mediaGroupId?: string },
): Update {
  const photo = input.fileIds.map((fileId, index) => ({
    file_id: fileId,
    file_unique_id: `AQAD${fileId.slice(-8)}${index}`,
    width: PHOTO_WIDTHS[index] ?? 1280,
    height: Math.round((PHOTO_WIDTHS[index] ?? 1280) * 0.75),
    file_size: 1_500 * 8 ** Math.min(index, 3),
  }));
  return wrap(
    {
      ...baseMessage(input),
      photo,
      ...(input.caption !== undefined ? { caption: input.caption } : {}),
      ...(input.mediaGroupId !== undefined ? { media_group_id: input.mediaGroupId } : {}),
    },
    input.updateId,
  );
}

let lastCallbackQueryId = 4_000_000_000_000;

/**
 * A button press on an inline keyboard of `message` (a bot message, e.g. one returned by `FakeTelegram.chat()`).
 * The query id is unique per call; `chat_instance` is stable per chat.
 */
export function callbackQueryUpdate(
  input: { user: FakeUser; data: string; message: Message; updateId?: number },
): Update {
  lastCallbackQueryId += 1;
  return {
    update_id: input.updateId ?? nextUpdateId(),
    callback_query: {
      id: String(lastCallbackQueryId),
      from: telegramUser(input.user),
      message: input.message,
      chat_instance: String(-4_000_000_000_000_000 - input.message.chat.id),
      data: input.data,
    },
  };
}
