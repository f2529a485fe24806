import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const localesDir = path.resolve("locales");

function flatten(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => flatten(child, prefix ? `${prefix}.${key}` : key));
}

function keysOf(lng: string): Set<string> {
  const keys = new Set<string>();
  for (const file of readdirSync(path.join(localesDir, lng))) {
    const ns = file.replace(/\.json$/, "");
    for (const key of flatten(JSON.parse(readFileSync(path.join(localesDir, lng, file), "utf8")))) keys.add(`${ns}:${key}`);
  }
  return keys;
}

/** Keys the core emits as literals on lines that queue a message (owner notices, alerts, clock rules). */
function keysEmittedByTheCore(): string[] {
  const keys = new Set<string>();
  const files = readdirSync("src/core", { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ts"));
  for (const file of files) {
    for (const line of readFileSync(path.join("src/core", file), "utf8").split("\n")) {
      if (!/notice\w*Owner\(|enqueueOwnerNotice\(|alert\w*Team\(|key: "|alertKey: "/.test(line)) continue;
      for (const match of line.matchAll(/(?<!type: )"([a-z_]+\.[a-z_.]+)"/g)) {
        const key = match[1]!;
        keys.add(key.startsWith("alerts.") ? `staff:${key}` : `owner:${key}`);
      }
    }
  }
  return [...keys].sort();
}

describe("locales", () => {
  const zh = keysOf("zh-CN");
  const en = keysOf("en");

  it("every key exists in both zh-CN and en", () => {
    expect([...zh].filter((key) => !en.has(key)), "missing in en").toEqual([]);
    expect([...en].filter((key) => !zh.has(key)), "missing in zh-CN").toEqual([]);
  });

  it("every message key the core emits has a text in both languages", () => {
    const emitted = keysEmittedByTheCore();
    expect(emitted.length).toBeGreaterThan(10);
    expect(emitted.filter((key) => !zh.has(key) || !en.has(key))).toEqual([]);
  });

  it("every workflow error code has a sentence in both languages", async () => {
    const { workflowErrorCodes } = await import("../src/core/domain/errors.js");
    for (const code of workflowErrorCodes) {
      expect(zh.has(`common:errors.${code}`) && en.has(`common:errors.${code}`), code).toBe(true);
    }
  });
});
