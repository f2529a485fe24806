import { afterEach, describe, expect, it } from "vitest";
import { callbackPromptFor } from "../../../src/adapters/slack/blocks/callback-card.js";
import { field } from "../../../src/adapters/slack/blocks/format.js";
import type { CaseView } from "../../../src/core/use-cases/get-case-view.js";
import { blockKitErrors } from "../../../src/testing/slack-blocks.js";
import { buttonLabels, buttonOf, textOf } from "./block-text.js";
import { aCallback, aClock, aRepairView, englishText, expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const { t, formatInstant } = englishText();

/** A case of a kind made up here, drawn by the shared callback card with facts of its own. */
function aDemoView(overrides: Partial<CaseView> = {}): CaseView<{ topic: string }> {
  const view = aRepairView(overrides as never);
  return { ...view, subject: { ...view.subject, kind: "demo", number: "D-2026-000007", details: { topic: "noise at night" } } } as CaseView<{ topic: string }>;
}

const demoPrompt = callbackPromptFor<{ topic: string }>((view, text) => [field(text("staff:card.owner"), view.reporter?.name ?? "-"), field("Topic", view.subject.details.topic)], {
  notSatisfiedLabel: "staff:buttons.no_answer",
  cancelledNote: "staff:callback.waiting_undated",
});

describe("the callback card any kind's module draws", () => {
  it("shows the kind's facts, when the callback is due, the shared outcome buttons with the kind's label, and Show number", () => {
    const view = aDemoView({ callback: aCallback() });
    const { text, blocks } = demoPrompt.render(view, 1, t, formatInstant);

    expect(textOf(blocks)).toContain("Callback D-2026-000007 · attempt 1");
    expect(textOf(blocks)).toMatch(/Topic\*\nnoise at night/);
    expect(textOf(blocks)).toMatch(/Callback due\*\nThu, Dec 3, 10:00/);
    expect(buttonOf(blocks, "callback.satisfied").text.text).toBe("Reached, satisfied");
    expect(buttonOf(blocks, "callback.not_fixed").text.text).toBe("No answer");
    expect(JSON.parse(buttonOf(blocks, "callback.show_number").value ?? "")).toEqual({ ticketId: view.subject.id, version: view.subject.version });
    expect(text).toBe("Callback D-2026-000007, attempt 1, due Thu, Dec 3, 10:00");
    expect(demoPrompt.viewOptions("callback-1")).toEqual({ callbackId: "callback-1" });
    expect(blockKitErrors(blocks, 50)).toEqual([]);
  });

  it("reads the next attempt from the kind's own retry clock", () => {
    const callback = aCallback({ attempts: 1, status: "scheduled", outcome: "no_answer" });
    const retry = aClock({ rule: "demo.callback.retry", dueAt: new Date("2026-12-03T06:00:00Z") });
    const { blocks } = demoPrompt.render(aDemoView({ callback, clocks: [retry] }), 1, t, formatInstant);

    expect(buttonLabels(blocks)).toEqual(["Show number"]);
    expect(textOf(blocks)).toContain("Next attempt due Thu, Dec 3, 14:00");
  });

  it("keeps the kind's own line on a void callback's card, without buttons", () => {
    const { blocks } = demoPrompt.render(aDemoView({ callback: aCallback({ status: "cancelled" }) }), 1, t, formatInstant);

    expect(buttonLabels(blocks)).toEqual([]);
    expect(textOf(blocks)).toContain("Waiting for the prompt.");
    expect(textOf(blocks)).not.toContain("the repair was reopened");
  });
});
