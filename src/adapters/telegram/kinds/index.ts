import { complaintTelegramKind } from "./complaint/index.js";
import { feeTelegramKind } from "./fee/index.js";
import { repairTelegramKind } from "./repair/index.js";
import { serviceTelegramKind } from "./service/index.js";
import type { TelegramKindModule } from "./telegram-kind.js";

export type { MineItem, TelegramKindModule } from "./telegram-kind.js";

/**
 * The kinds of request owners reach on Telegram, in menu and command order. Adding a kind is
 * its folder here and one line in this list; the bot, its menu, its commands and /mine follow.
 * Imported only by the bot's composition (create-bot, commands, the message sender): the kind
 * modules receive the menu through their deps instead.
 */
export const telegramKinds: readonly TelegramKindModule[] = [repairTelegramKind, complaintTelegramKind, serviceTelegramKind, feeTelegramKind];
