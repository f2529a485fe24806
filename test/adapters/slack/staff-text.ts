import path from "node:path";
import { expect } from "vitest";
import { createI18nextTranslator } from "../../../src/adapters/i18n/i18next-translator.js";
import type { FormatInstant, Translate } from "../../../src/adapters/slack/blocks/format.js";
import type { RepairView } from "../../../src/adapters/slack/kinds/repair/card.js";
import type { CaseEvent } from "../../../src/core/case/case.js";
import type { Clock } from "../../../src/core/case/clock.js";
import type { Callback } from "../../../src/core/domain/callback.js";
import { repairCardActions } from "../../../src/core/kinds/repair/lifecycle.js";
import type { Translator } from "../../../src/core/ports/translator.js";
import { aTicket } from "../../support/ticket-factory.js";

const missingKeys: string[] = [];

/**
 * The real translator over the real locale files, in the property's zone. A key the files lack
 * renders as the key itself, which most assertions would not notice, so every lookup that
 * misses is recorded for {@link expectNoMissingKeys}.
 */
export function testTranslator(): Translator {
  return createI18nextTranslator({
    localesDir: path.resolve("locales"),
    timeZone: "Asia/Shanghai",
    fallbackLocale: "en",
    onMissingKey: (locale, key) => missingKeys.push(`${locale} ${key}`),
  });
}

/** The keys test translators missed since the last call, as `locale key`, oldest first. */
export function takeMissingKeys(): string[] {
  return missingKeys.splice(0);
}

/** For `afterEach` of every suite that renders staff text: fails the test that used a key the locale files lack. */
export function expectNoMissingKeys(): void {
  expect(takeMissingKeys(), "translation keys missing from locales/").toEqual([]);
}

/** `t` and `formatInstant` bound to English, as the builders take them. */
export function englishText(translator: Translator = testTranslator()): { t: Translate; formatInstant: FormatInstant } {
  return { t: (key, params) => translator.t("en", key, params), formatInstant: (at) => translator.formatInstant("en", at) };
}

const createdAt = new Date("2026-11-30T02:00:00Z");

export { aTicket };

export function aCallback(overrides: Partial<Callback> = {}): Callback {
  return {
    id: "callback-1",
    caseId: "ticket-1",
    dueAt: new Date("2026-12-03T02:00:00Z"),
    status: "prompted",
    attempts: 0,
    outcome: null,
    recordedBy: null,
    recordedAt: null,
    createdAt,
    ...overrides,
  };
}

export function anEvent(overrides: Partial<CaseEvent> = {}): CaseEvent {
  return { id: "event-1", caseId: "ticket-1", at: createdAt, actor: { type: "owner", id: "resident-1" }, type: "reported", fromStatus: null, toStatus: "new", data: {}, ...overrides };
}

export function aClock(overrides: Partial<Clock> = {}): Clock {
  return {
    id: "clock-1",
    caseId: "ticket-1",
    rule: "repair.callback.ordinary",
    subject: { type: "callback", id: "callback-1" },
    startedAt: createdAt,
    dueAt: new Date("2026-12-02T02:00:00Z"),
    breachAt: null,
    stoppedAt: null,
    escalatedAt: null,
    data: {},
    ...overrides,
  };
}

/** A repair's card or prompt view; `actions` follow the repair lifecycle unless given. */
export function aRepairView(overrides: Partial<Omit<RepairView, "subject">> & { subject?: Parameters<typeof aTicket>[0] } = {}): RepairView {
  const subject = aTicket(overrides.subject);
  return {
    unit: { id: "unit-1", building: "3", unit: "1202", areaM2: 89.5, handoverDate: "2025-06-01", warrantyMonths: 24 },
    reporter: { id: "resident-1", unitId: "unit-1", name: "王芳", phone: "+8613800000001", locale: "zh-CN", role: "owner", source: "registry" },
    assignee: null,
    clocks: [],
    callback: null,
    recentEvents: [anEvent()],
    staffNames: {},
    ...overrides,
    subject,
    actions: overrides.actions ?? repairCardActions(subject),
  };
}
