import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createI18nextTranslator } from "../../../src/adapters/i18n/i18next-translator.js";
import { localesDir } from "./telegram-harness.js";

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

const ownerKeys = (locale: string) => keysOf(JSON.parse(readFileSync(path.join(localesDir, locale, "owner.json"), "utf8")) as Tree).sort();

/** Every `owner.notice` key the core emits (grep noticeOwner / enqueueOwnerNotice in src/core). */
const noticeKeys = [
  "repair.received",
  "repair.assigned",
  "repair.time_proposed",
  "repair.time_confirmed",
  "repair.other_time_noted",
  "repair.started",
  "repair.done",
  "repair.leak_test_passed",
  "repair.reopened",
  "repair.closed",
  "repair.cancelled",
  "repair.thanks_fixed",
  "complaint.received",
  "complaint.received_by_phone",
  "complaint.received_by_counter",
  "complaint.received_by_letter",
  "complaint.classified",
  "complaint.answer",
  "complaint.resolved",
  "complaint.thanks_resolved",
  "complaint.reopened",
  "complaint.closed",
  "complaint.invalid",
  "complaint.cancelled",
  "complaint.assigned",
  "onboarding.approved",
  "onboarding.rejected",
];

describe("owner locale files", () => {
  it("have the same keys in English and Chinese", () => {
    expect(ownerKeys("en")).toEqual(ownerKeys("zh-CN"));
  });

  it("cover every notice the core sends to owners, and each notice shows its ticket number", () => {
    const missing: string[] = [];
    const translator = createI18nextTranslator({ localesDir, timeZone: "Asia/Shanghai", fallbackLocale: "zh-CN", onMissingKey: (locale, key) => missing.push(`${locale} ${key}`) });
    for (const locale of ["en", "zh-CN"] as const) {
      for (const key of noticeKeys) {
        const text = translator.t(locale, `owner:${key}`, { number: "R-2026-000042", building: "3", unit: "1202", billing: "paid", assignee: "Zhang Wei", reason: "duplicate", preferredTime: "Sat", at: { instant: "2026-12-01T06:00:00Z" }, resolveBy: { instant: "2026-12-02T02:00:00Z" }, answer: "A", resolution: "B", reply: "C" });
        expect(text, `${locale} ${key}`).not.toMatch(/{{|\$t\(|owner:/);
        if (key.startsWith("repair.") || key.startsWith("complaint.")) expect(text, `${locale} ${key}`).toContain("R-2026-000042");
      }
    }
    expect(missing).toEqual([]);
  });

  it("report a missing key through the translator (so the other suites' missing-key checks can fail)", () => {
    const missing: string[] = [];
    const translator = createI18nextTranslator({ localesDir, timeZone: "Asia/Shanghai", fallbackLocale: "zh-CN", onMissingKey: (locale, key) => missing.push(`${locale} ${key}`) });

    translator.t("en", "owner:no.such.key");

    expect(missing).not.toEqual([]);
  });
});
