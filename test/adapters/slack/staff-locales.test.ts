import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { expectNoMissingKeys, takeMissingKeys, testTranslator } from "./staff-text.js";

type Tree = { [key: string]: string | Tree };

function keysOf(tree: Tree, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === "string" ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`)));
}

const staffKeys = (locale: string) => keysOf(JSON.parse(readFileSync(path.resolve("locales", locale, "staff.json"), "utf8")) as Tree).sort();

afterEach(expectNoMissingKeys);

describe("staff locale files", () => {
  it("have the same keys in English and Chinese, since the suites render English and a key only English has would fall back unnoticed", () => {
    expect(staffKeys("zh-CN")).toEqual(staffKeys("en"));
  });

  it("report a missing key through the test translator, so a typo in a staff: key fails the suite that renders it", () => {
    const translator = testTranslator();

    translator.t("en", "staff:card.no_such_key");

    expect(takeMissingKeys()).toEqual(["en staff:card.no_such_key"]);
  });
});
