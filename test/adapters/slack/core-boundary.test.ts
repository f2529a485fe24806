import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const slackAdapter = path.resolve("src/adapters/slack");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/\bfrom\s+"([^"]+)"/g)].map((match) => match[1] ?? "");
}

describe("the Slack adapter's use of the core", () => {
  it("goes through the core's public use cases, never the shared checks behind them, so no rule is copied out of the core", () => {
    const offending = sourceFiles(slackAdapter).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => specifier.includes("/core/use-cases/shared/"))
        .map((specifier) => `${path.relative(slackAdapter, file)} imports ${specifier}`),
    );

    expect(offending).toEqual([]);
  });
});
