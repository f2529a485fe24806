import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Locale } from "../../core/domain/registry.js";
import type { Translator } from "../../core/ports/translator.js";
import { telegramKinds, type TelegramKindModule } from "./kinds/index.js";

/** Commands after the kinds' own, in menu order. */
const commonCommands = ["mine", "language", "cancel", "start"] as const;

/** The command menu shown in Telegram clients, in one language: each kind's command, then the common ones. */
export function ownerCommandList(translator: Translator, locale: Locale, kinds: readonly TelegramKindModule[] = telegramKinds): BotCommand[] {
  return [
    ...kinds.map((kind) => ({ command: kind.command, description: translator.t(locale, kind.commandKey) })),
    ...commonCommands.map((command) => ({ command, description: translator.t(locale, `owner:commands.${command}`) })),
  ];
}

/**
 * Publishes the command menu: English for clients set to English, the default language for all
 * others. Call once at start-up (not from createBot, which must not touch the network).
 */
export async function publishOwnerCommands(api: Api, translator: Translator, defaultLocale: Locale): Promise<void> {
  await api.setMyCommands(ownerCommandList(translator, defaultLocale), { scope: { type: "all_private_chats" } });
  await api.setMyCommands(ownerCommandList(translator, "en"), { scope: { type: "all_private_chats" }, language_code: "en" });
  await api.setMyCommands(ownerCommandList(translator, "zh-CN"), { scope: { type: "all_private_chats" }, language_code: "zh" });
}
