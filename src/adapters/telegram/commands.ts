import type { Api } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Locale } from "../../core/domain/registry.js";
import type { Translator } from "../../core/ports/translator.js";

const ownerCommands = ["repair", "mine", "language", "cancel", "start"] as const;

/** The command menu shown in Telegram clients, in one language. */
export function ownerCommandList(translator: Translator, locale: Locale): BotCommand[] {
  return ownerCommands.map((command) => ({ command, description: translator.t(locale, `owner:commands.${command}`) }));
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
