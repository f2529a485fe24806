import { afterEach, describe, expect, it } from "vitest";
import { repairCard } from "../../../src/adapters/slack/kinds/repair/card.js";
import { textOf } from "./block-text.js";
import { aRepairView, expectNoMissingKeys, testTranslator } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const translator = testTranslator();
const cardIn = (locale: "zh-CN" | "en", preferredTime: string) =>
  textOf(
    repairCard(
      aRepairView({ subject: { details: { preferredTime } } as never }),
      (key, params) => translator.t(locale, key, params),
      (at) => translator.formatInstant(locale, at),
    ).blocks,
  );

describe("a preferred time the owner chose from buttons", () => {
  it("is shown on a Chinese card in Chinese, naming the day, whatever language the owner pressed it in", () => {
    const shown = cardIn("zh-CN", "slot:tomorrow_am:2026-12-05");

    expect(shown).toContain("12月5日周六上午");
    expect(shown).not.toContain("Tomorrow");
    expect(shown).not.toContain("slot:");
  });

  it("is shown on an English card in English", () => {
    expect(cardIn("en", "slot:weekend:2026-12-05")).toContain("The weekend from Sat, Dec 5");
  });

  it("an owner's own words are shown as they wrote them", () => {
    expect(cardIn("zh-CN", "工作日晚上六点后")).toContain("工作日晚上六点后");
  });
});
