import { InlineKeyboard, Keyboard } from "grammy";
import type { OwnerActionDefinition } from "../../core/case/kind.js";
import type { CaseKindRegistry } from "../../core/case/registry.js";
import type { MessageParams, OwnerButton } from "../../core/domain/outbox.js";
import { locales, type Locale } from "../../core/domain/registry.js";
import type { Translator } from "../../core/ports/translator.js";
import { encodeCallbackData, encodeOwnerButton, requireOwnerAction } from "./callback-data.js";
import type { OwnerMenu, Render } from "./context.js";
import type { TelegramKindModule } from "./kinds/telegram-kind.js";

/** Menu entries after the kinds' own, in this order. */
const commonMenuKeys = ["owner:menu.mine", "owner:menu.language"] as const;

/** Every language's rendering of `key`, for matching what an owner's client sends back. */
export function labelsIn(translator: Translator, key: string): string[] {
  return [...new Set(locales.map((locale) => translator.t(locale, key)))];
}

/**
 * The main menu for `kinds` (in their order), then "My requests" and "Language", two entries per
 * row. Built once per bot: every language's labels are rendered here for matching.
 */
export function ownerMenu(translator: Translator, kinds: readonly Pick<TelegramKindModule, "menuKey">[]): OwnerMenu {
  const keys = [...kinds.map((kind) => kind.menuKey), ...commonMenuKeys];
  const allLabels = new Set(keys.flatMap((key) => labelsIn(translator, key)));
  return {
    keyboard(t: Render): Keyboard {
      const keyboard = new Keyboard();
      keys.forEach((key, index) => {
        if (index > 0 && index % 2 === 0) keyboard.row();
        keyboard.text(t(key));
      });
      return keyboard.resized().persistent();
    },
    isLabel: (text) => allLabels.has(text),
    labels: (key) => labelsIn(translator, key),
  };
}

/** Telegram only lets the owner share their own number through a `request_contact` button. */
export function contactKeyboard(t: Render): Keyboard {
  return new Keyboard().requestContact(t("owner:start.share_contact")).resized().oneTime();
}

/** The two languages, each named in itself so an owner who cannot read the current one still finds theirs. */
export function languageKeyboard(t: Render): InlineKeyboard {
  return new InlineKeyboard()
    .text(t("owner:language.name_zh"), encodeCallbackData({ type: "language", locale: "zh-CN" }))
    .text(t("owner:language.name_en"), encodeCallbackData({ type: "language", locale: "en" }));
}

/**
 * The local day of an instant in the property's zone, as a button label shows it ("Fri, Dec 4",
 * "12月4日周五"): a Pay by button names the day, not the second its promise ends.
 */
export function localDayLabel(locale: Locale, at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", month: "short", day: "numeric" }).format(at);
}

/**
 * What an owner button's label and its pressed line may name: the local day of the instant it
 * carries, as `{{date}}` ("Pay by Fri, Dec 4", "You promised to pay by Fri, Dec 4").
 */
export function ownerButtonParams(action: Pick<OwnerActionDefinition, "argument">, button: Pick<OwnerButton, "arg">, locale: Locale, timeZone: string): MessageParams {
  return action.argument === "instant" && button.arg !== undefined ? { date: localDayLabel(locale, new Date(button.arg), timeZone) } : {};
}

/**
 * Buttons of an `owner.notice`, two per row, each labelled from its action's `labelKey` (owner
 * namespace), with {@link ownerButtonParams}. Works for any kind's actions through the registry. Throws, like
 * {@link encodeOwnerButton}, for a button that names an unknown action or does not fit Telegram's 64 bytes.
 */
export function ownerActionsKeyboard(
  buttons: readonly OwnerButton[],
  locale: Locale,
  translator: Translator,
  registry: CaseKindRegistry,
  timeZone: string,
): InlineKeyboard | undefined {
  if (buttons.length === 0) return undefined;
  const keyboard = new InlineKeyboard();
  buttons.forEach((button, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    const action = requireOwnerAction(registry, button);
    keyboard.text(translator.t(locale, `owner:${action.labelKey}`, ownerButtonParams(action, button, locale, timeZone)), encodeOwnerButton(registry, button));
  });
  return keyboard;
}
