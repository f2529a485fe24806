import { describe, expect, it } from "vitest";
import { z } from "zod";
import { detailsTables } from "../../src/adapters/persistence/kinds/index.js";
import { slackKinds } from "../../src/adapters/slack/kinds/index.js";
import { assertKindsCovered } from "../../src/app/kind-coverage.js";
import { defineKind } from "../../src/core/case/kind.js";
import { CaseKindRegistry } from "../../src/core/case/registry.js";
import { productKinds, productRegistry } from "../../src/core/kinds/index.js";

const coverage = { slack: slackKinds.map((module) => module.kind), persistence: detailsTables.map((table) => table.kind) };

describe("every kind of request is served by the adapters it needs", () => {
  it("the product's kinds each have a Slack module and a details table", () => {
    expect(() => assertKindsCovered(productRegistry(), coverage)).not.toThrow();
  });

  it("a kind added to the core alone stops start-up, naming the module and the table it lacks", () => {
    const parking = defineKind({
      id: "parking",
      prefix: "P",
      details: z.object({}),
      lifecycle: { statuses: ["new"], initial: "new", transitions: {} },
      finalStatuses: [],
      mayPerform: () => false,
      cardActions: () => [],
      clockRules: {},
      dueEffects: {},
      ownerActions: {},
      tasks: {},
    });
    const registry = new CaseKindRegistry([...productKinds, parking]);
    expect(() => assertKindsCovered(registry, coverage)).toThrow(
      "incomplete kind of request: kind parking has no Slack module (src/adapters/slack/kinds); kind parking has no details table (src/adapters/persistence/kinds)",
    );
  });
});
