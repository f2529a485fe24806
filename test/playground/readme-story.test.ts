import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { repairClockRules } from "../../src/core/kinds/repair/clock-rules.js";

const readme = readFileSync("README.md", "utf8");
const story = readme.slice(readme.indexOf("A repair in two minutes"), readme.indexOf("Demo data, loaded once"));

describe("the README's two-minute story", () => {
  it("presses +1 day for the callback prompt, as the rule prompts the day after completion, and says a leak's comes a day after its leak test", () => {
    expect(repairClockRules["repair.callback.prompt"].due).toEqual({ days: 1 });
    expect(story).toContain("Press `+1 day`: the same card becomes the callback prompt");
    expect(story).not.toContain("`+2 days`");
    expect(story).toMatch(/prompt comes a day after the leak test/);
  });
});
