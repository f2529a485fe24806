import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const publicDir = path.resolve("src/playground/public");
const sheets = readdirSync(publicDir).filter((name) => name.endsWith(".css"));

/** Custom properties declared in a `:root` block of any sheet (the page loads them all). */
function rootProperties(): Set<string> {
  const declared = new Set<string>();
  for (const name of sheets) {
    const css = readFileSync(path.join(publicDir, name), "utf8");
    for (const block of css.matchAll(/:root\s*\{([^}]*)\}/g)) {
      for (const property of (block[1] ?? "").matchAll(/(--[a-z0-9-]+)\s*:/g)) declared.add(property[1] ?? "");
    }
  }
  return declared;
}

describe("the playground's stylesheets", () => {
  it("every colour variable is defined for the whole page, so a modal drawn outside its pane is not white on white", () => {
    const declared = rootProperties();
    const undefinedOutsidePanes = sheets.flatMap((name) => {
      const css = readFileSync(path.join(publicDir, name), "utf8");
      return [...css.matchAll(/var\((--[a-z0-9-]+)\)/g)].map((use) => use[1] ?? "").filter((used) => !declared.has(used)).map((used) => `${name}: ${used}`);
    });

    expect([...new Set(undefinedOutsidePanes)]).toEqual([]);
  });
});
