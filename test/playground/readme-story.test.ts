import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repairClockRules } from "../../src/core/kinds/repair/clock-rules.js";

const readme = readFileSync("README.md", "utf8");
const story = readme.slice(readme.indexOf("A repair in two minutes"), readme.indexOf("Demo data, loaded once"));

describe("the README's two-minute story", () => {
  it("presses +2 days only for a category whose callback is due two days after completion, and says a leak needs three after its leak test", () => {
    expect(story).toContain("`+2 days`");
    expect(repairClockRules["repair.callback.ordinary"].due).toEqual({ days: 2 });
    expect(repairClockRules["repair.callback.leak"].due).toEqual({ days: 3 });
    expect(story).toMatch(/leak's callback is due 3 days after its\s+leak test/);
    expect(story).toMatch(/`\+2 days` and `\+1 day`/);
  });
});
