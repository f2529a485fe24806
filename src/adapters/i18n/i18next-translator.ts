import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import i18next, { type i18n } from "i18next";
import type { Locale } from "../../core/domain/registry.js";
import { locales } from "../../core/domain/registry.js";
import type { MessageParams } from "../../core/domain/outbox.js";
import type { Translator } from "../../core/ports/translator.js";
import { parseSlotChoice } from "../../core/domain/preferred-time.js";

export const namespaces = ["owner", "staff", "common"] as const;

/** Reads `locales/<lng>/<ns>.json` for every supported language and namespace. */
export function loadLocaleResources(localesDir: string): Record<string, Record<string, unknown>> {
  const resources: Record<string, Record<string, unknown>> = {};
  for (const lng of locales) {
    resources[lng] = {};
    for (const file of readdirSync(path.join(localesDir, lng)).filter((name) => name.endsWith(".json"))) {
      resources[lng][file.replace(/\.json$/, "")] = JSON.parse(readFileSync(path.join(localesDir, lng, file), "utf8"));
    }
  }
  return resources;
}

/**
 * An isolated i18next instance (never the global one, so tests and several apps in one process
 * do not share state). Missing keys are returned as the key itself and reported through
 * `onMissingKey`, so a gap shows in logs rather than as an empty message.
 */
export function createI18nextTranslator(options: {
  localesDir: string;
  timeZone: string;
  fallbackLocale: Locale;
  onMissingKey?: (locale: string, key: string) => void;
}): Translator {
  const instance: i18n = i18next.createInstance();
  void instance.init({
    initAsync: false,
    resources: loadLocaleResources(options.localesDir) as never,
    lng: options.fallbackLocale,
    fallbackLng: options.fallbackLocale,
    ns: [...namespaces],
    defaultNS: "common",
    interpolation: { escapeValue: false },
    saveMissing: Boolean(options.onMissingKey),
    missingKeyHandler: (lngs, ns, key) => options.onMissingKey?.(lngs.join(","), `${ns}:${key}`),
    returnNull: false,
  });

  const formatInstant = (locale: Locale, at: Date): string =>
    new Intl.DateTimeFormat(locale, {
      timeZone: options.timeZone,
      month: "short",
      day: "numeric",
      weekday: "short",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(at);

  // A slot the owner chose from buttons is stored as the choice and worded here, for each reader.
  const slotText = (locale: Locale, value: string): string | null => {
    const choice = parseSlotChoice(value);
    if (choice === null) return null;
    const [year, month, day] = choice.date.split("-").map(Number) as [number, number, number];
    const date = new Intl.DateTimeFormat(locale, { timeZone: "UTC", month: "short", day: "numeric", weekday: "short" }).format(new Date(Date.UTC(year, month - 1, day, 12)));
    return instance.t(`common:preferred_slot.${choice.slot}`, { date, lng: locale });
  };

  return {
    formatInstant,
    t(locale, key, params = {}) {
      const values: Record<string, string | number> = {};
      for (const [name, value] of Object.entries(params as MessageParams)) {
        if (typeof value === "object") values[name] = formatInstant(locale, new Date(value.instant));
        else values[name] = typeof value === "string" ? (slotText(locale, value) ?? value) : value;
      }
      return instance.t(key, { ...values, lng: locale });
    },
  };
}
