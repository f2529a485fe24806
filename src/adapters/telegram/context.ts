import type { ConversationFlavor } from "@grammyjs/conversations";
import type { Context, Keyboard } from "grammy";
import type { Logger } from "pino";
import type { MessageParams } from "../../core/domain/outbox.js";
import type { Locale } from "../../core/domain/registry.js";
import type { Translator } from "../../core/ports/translator.js";
import type { WorkflowContext } from "../../core/ports/workflow-context.js";
import type { TelegramKindModule } from "./kinds/telegram-kind.js";

/**
 * What the owner bot needs from the outside. Everything is passed in (no module state, no
 * environment reads) so tests build a bot over an in-memory store and a fake Bot API.
 */
export interface TelegramDeps {
  workflow: WorkflowContext;
  translator: Translator;
  /** Language for owners whose Telegram client sends no usable `language_code`. */
  defaultLocale: Locale;
  logger: Logger;
  /** The property's emergency number (`EMERGENCY_PHONE`), shown at once for urgent words; null or absent: none. */
  emergencyPhone?: string | null;
  /** Hears of each update handled to the end (a redelivery dropped or a crash is not); for metrics, must not throw. */
  onUpdateHandled?: () => void;
}

/** Renders a namespaced key in a language already chosen. */
export type Render = (key: string, params?: MessageParams) => string;

/**
 * The main menu of a verified owner: one entry per kind the bot offers, then "My requests" and
 * "Language". Labels are matched in every language, since an owner may switch mid-chat.
 */
export interface OwnerMenu {
  keyboard(t: Render): Keyboard;
  /** True when `text` is the label of any entry in any language (a conversation must not take it as an answer). */
  isLabel(text: string): boolean;
  /** Every language's label of the entry with locale key `key`, for `bot.hears`. */
  labels(key: string): string[];
}

/**
 * What features and conversations receive inside the bot: {@link TelegramDeps} plus the kind
 * modules it runs and the menu built from them. Handed down rather than imported, so a kind
 * module never imports the list that imports it.
 */
export interface OwnerBotDeps extends TelegramDeps {
  kinds: readonly TelegramKindModule[];
  menu: OwnerMenu;
}

/** Properties the bot's own middleware installs on every context before features run. */
export interface OwnerContextFlavor {
  /** Child logger bound to this update (update id, chat, user; never message content). */
  logger: Logger;
  /** The owner's language: stored identity first, else Telegram's `language_code`, else the default. */
  locale: Locale;
  /** Renders a namespaced key (`owner:start.greeting`, `common:errors.not_found`) in {@link locale}. */
  t(key: string, params?: MessageParams): string;
}

/** Context of the outside middleware tree. */
export type BotContext = ConversationFlavor<Context & OwnerContextFlavor>;

/**
 * Context inside conversations: a bare grammY context rebuilt on every replay. It never carries
 * the flavor above, so conversations render through the translator with a locale they hold.
 */
export type ConversationContext = Context;
