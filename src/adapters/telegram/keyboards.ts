import { InlineKeyboard, Keyboard } from "grammy";
import type { OwnerAction } from "../../core/domain/outbox.js";
import { locales, type Locale } from "../../core/domain/registry.js";
import type { Translator } from "../../core/ports/translator.js";
import { encodeCallbackData } from "./callback-data.js";

type Render = (key: string) => string;

/** Main-menu entries; their labels are matched in every language (an owner may switch mid-chat). */
export const menuItems = ["repair", "mine", "language"] as const;
export type MenuItem = (typeof menuItems)[number];

/** The persistent reply keyboard of a verified owner. */
export function mainMenuKeyboard(t: Render): Keyboard {
  return new Keyboard()
    .text(t("owner:menu.repair"))
    .text(t("owner:menu.mine"))
    .row()
    .text(t("owner:menu.language"))
    .resized()
    .persistent();
}

/** Telegram only lets the owner share their own number through a `request_contact` button. */
export function contactKeyboard(t: Render): Keyboard {
  return new Keyboard().requestContact(t("owner:start.share_contact")).resized().oneTime();
}

/** Every language's label of a menu entry, for `bot.hears`. */
export function menuLabels(translator: Translator, item: MenuItem): string[] {
  return [...new Set(locales.map((locale) => translator.t(locale, `owner:menu.${item}`)))];
}

/** True when `text` is the label of any main-menu entry in any language. */
export function isMenuLabel(translator: Translator, text: string): boolean {
  return menuItems.some((item) => menuLabels(translator, item).includes(text));
}

/** The two languages, each named in itself so an owner who cannot read the current one still finds theirs. */
export function languageKeyboard(t: Render): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("owner:language.name_zh"), encodeCallbackData({ type: "language", locale: "zh-CN" }))
    .text(t("owner:language.name_en"), encodeCallbackData({ type: "language", locale: "en" }));
}

/** Buttons of an `owner.notice`, two per row, labelled from `owner:actions.<type>`. */
export function ownerActionsKeyboard(actions: readonly OwnerAction[], locale: Locale, translator: Translator): InlineKeyboard | undefined {
  if (actions.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  actions.forEach((action, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    keyboard.text(translator.t(locale, `owner:actions.${action.type}`), encodeCallbackData({ type: "owner_action", action }));
  });
  return keyboard;
}
