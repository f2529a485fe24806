import type { MessageParams } from "../domain/outbox.js";
import type { Locale } from "../domain/registry.js";

/**
 * Renders a message key in a recipient's language. Namespaced keys (`owner:repair.received`,
 * `staff:alerts.callback_overdue`, `common:errors.not_found`); `{ instant }` parameters are
 * shown as dates in the property's time zone. Implemented with i18next in adapters/i18n.
 */
export interface Translator {
  t(locale: Locale, key: string, params?: MessageParams): string;
  /** Formats an instant for display in the property's zone (e.g. "11月30日 周一 14:00"). */
  formatInstant(locale: Locale, at: Date): string;
}
