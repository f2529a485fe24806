import { GrammyError, type Api } from "grammy";
import type { CaseKindRegistry } from "../../core/case/registry.js";
import type { MessageRef, OutboxMessage } from "../../core/domain/outbox.js";
import type { RateRule } from "../../core/domain/rate-gate.js";
import { type MessageSender, PermanentDeliveryError, RateLimitedError } from "../../core/ports/message-sender.js";
import type { Translator } from "../../core/ports/translator.js";
import type { OwnerMenu } from "./context.js";
import { ownerActionsKeyboard, ownerMenu } from "./keyboards.js";
import { telegramKinds } from "./kinds/index.js";
import { cutMessageText, splitMessageText } from "./message-parts.js";

/** Telegram's limits: about 1 message/s per private chat, 20/min per group, 30/s overall. */
const privateChatIntervalMs = 1000;
const groupChatIntervalMs = 3000;
const globalIntervalMs = 34;

/**
 * Notices that make the menu usable for the first time. The unit questions of the verification
 * conversation removed the contact keyboard, so an owner approved later would otherwise find no
 * menu under the input field until they thought of typing something.
 */
const noticesWithMainMenu: ReadonlySet<string> = new Set(["onboarding.approved"]);

/**
 * Where the parts of a long notice already sent are recorded, by a key naming the outbox row
 * and the part, so a delivery retried after its third part failed (a 429, a crash) sends only
 * the parts still missing. The app keeps them in the database beside the other message refs.
 */
export interface SentParts {
  get(key: string): Promise<MessageRef | null>;
  set(key: string, ref: MessageRef): Promise<void>;
}

/** Parts known to this process only: enough for tests, and for retries that do not cross a restart. */
export function memorySentParts(): SentParts {
  const refs = new Map<string, MessageRef>();
  return {
    get: async (key) => refs.get(key) ?? null,
    set: async (key, ref) => {
      refs.set(key, ref);
    },
  };
}

/**
 * Delivers `owner.notice` outbox rows: renders `owner:<key>` with its params in the payload's
 * language, adds the notice's owner buttons of any kind, labelled and encoded through `kinds`
 * (or, for {@link noticesWithMainMenu}, the main menu), and sends it as plain text (owner and
 * staff words are interpolated, so no parse mode can be broken by them). Errors are mapped for
 * the outbox worker: 429 pauses Telegram for `retry_after`; a blocked bot or a vanished chat is
 * permanent.
 *
 * A text over Telegram's 4096 characters (a long staff answer, a receipt of many lines) goes as
 * several messages in order, split at line or word boundaries, the buttons under the last; each
 * part sent is recorded in `parts` before the next goes, so a retry resumes where the failure
 * struck. The last part is the message's ref. An edit cannot split: it is cut with a mark.
 */
export class TelegramMessageSender implements MessageSender {
  private readonly menu: OwnerMenu;

  constructor(
    private readonly api: Api,
    private readonly translator: Translator,
    private readonly kinds: CaseKindRegistry,
    /** The property's zone, in which a button's instant is named as a day. */
    private readonly timeZone: string,
    private readonly parts: SentParts = memorySentParts(),
  ) {
    this.menu = ownerMenu(translator, telegramKinds);
  }

  async send(message: OutboxMessage, existing: MessageRef | null): Promise<MessageRef> {
    const payload = message.payload;
    if (payload.type !== "owner.notice") throw new PermanentDeliveryError(`telegram cannot deliver ${payload.type}`);
    const text = this.translator.t(payload.locale, `owner:${payload.key}`, payload.params);
    const keyboard = ownerActionsKeyboard(payload.buttons, payload.locale, this.translator, this.kinds, this.timeZone);
    const options = keyboard ? { reply_markup: keyboard } : {};
    try {
      if (existing) {
        await this.api.editMessageText(existing.channel, Number(existing.messageId), cutMessageText(text), options);
        return existing;
      }
      const menu = !keyboard && noticesWithMainMenu.has(payload.key) ? this.menu.keyboard((key) => this.translator.t(payload.locale, key)) : undefined;
      const parts = splitMessageText(text);
      for (const [index, part] of parts.slice(0, -1).entries()) {
        const key = `owner-notice-part:${message.id}:${index}`;
        if (await this.parts.get(key)) continue;
        const sent = await this.api.sendMessage(payload.chatId, part);
        await this.parts.set(key, { channel: payload.chatId, messageId: String(sent.message_id) });
      }
      const last = parts[parts.length - 1] as string;
      const sent = await this.api.sendMessage(payload.chatId, last, menu ? { reply_markup: menu } : options);
      return { channel: payload.chatId, messageId: String(sent.message_id) };
    } catch (error) {
      // Delivered before a crash, then claimed again: the edit changes nothing and that is fine.
      if (existing && error instanceof GrammyError && /message is not modified/i.test(error.description)) return existing;
      throw deliveryError(error);
    }
  }

  rateRules(message: OutboxMessage): RateRule[] {
    const chatId = message.payload.type === "owner.notice" ? message.payload.chatId : "unknown";
    const group = chatId.startsWith("-");
    return [
      { key: `telegram:chat:${chatId}`, intervalMs: group ? groupChatIntervalMs : privateChatIntervalMs },
      { key: "telegram:global", intervalMs: globalIntervalMs },
    ];
  }
}

function deliveryError(error: unknown): unknown {
  if (!(error instanceof GrammyError)) return error;
  if (error.error_code === 429) {
    return new RateLimitedError((error.parameters.retry_after ?? 1) * 1000, error.description);
  }
  if (error.error_code === 403) return new PermanentDeliveryError(error.description);
  if (error.error_code === 400 && /chat not found/i.test(error.description)) return new PermanentDeliveryError(error.description);
  return error;
}
