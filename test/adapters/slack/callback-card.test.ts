import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { completeWork } from "../../../src/core/kinds/repair/use-cases/complete-work.js";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { startWork } from "../../../src/core/kinds/repair/use-cases/start-work.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { reportedRepair } from "../../support/workflow-fixture.js";
import { buttonLabels, textOf } from "./block-text.js";
import { finishRepair, FRONTDESK_CHANNEL, MAINTENANCE_CHANNEL, type SlackHarness, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("the callback card, through the real Bolt app", () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  it("a finished job returns to the front desk at once: its callback card waits with the prompt's date, then becomes the prompt in place", async () => {
    const ticketId = (await reportedRepair(h.ctx)).id;
    await finishRepair(h.ctx, ticketId);
    await h.deliver();

    const waiting = h.latest(FRONTDESK_CHANNEL);
    expect(textOf(waiting.blocks)).toContain("Waiting: the front desk is prompted on Tue, Dec 1, 10:00.");
    expect(buttonLabels(waiting.blocks)).toEqual([]);

    h.time.set("2026-12-01T02:00:00Z");
    await runDueWork(h.ctx);
    await h.deliver();

    const prompt = h.latest(FRONTDESK_CHANNEL);
    expect(prompt.ts).toBe(waiting.ts);
    expect(buttonLabels(prompt.blocks)).toEqual(["Reached, satisfied", "Reached, not fixed", "No answer", "Show number"]);
  });

  it("a leak's Done offers Leak test passed and Leak test failed; failed sends the job back to its technician", async () => {
    const ticket = await reportedRepair(h.ctx, { category: "water_leak", description: "Ceiling drips under the bathroom" });
    const input = { caseId: ticket.id, staffUserId: "UMAINT1" };
    await claimCase(h.ctx, input);
    await proposeAppointment(h.ctx, { ...input, at: new Date(h.ctx.time.now().getTime() + 3_600_000) });
    await confirmAppointment(h.ctx, { caseId: ticket.id, ownerUserId: "7001" });
    await startWork(h.ctx, input);
    await completeWork(h.ctx, input);
    await h.deliver();
    const card = h.latest(MAINTENANCE_CHANNEL);
    expect(buttonLabels(card.blocks)).toEqual(["Leak test passed", "Leak test failed", "Cancel", "Correct"]);

    await h.click(card, "ticket.leak_test_failed", "UMAINT1");

    await vi.waitFor(() => expect(h.ticket(ticket.id).status).toBe("assigned"));
    await h.deliver();
    const alert = h.fake.channel(MAINTENANCE_CHANNEL).find((message) => message.text.includes("leak test failed"));
    expect(alert?.text).toContain("<@UMAINT1>");
  });
});
