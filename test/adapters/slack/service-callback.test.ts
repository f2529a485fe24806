import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { acceptWork } from "../../../src/core/kinds/service/use-cases/accept-work.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { confirmServiceTime } from "../../../src/core/kinds/service/use-cases/confirm-service-time.js";
import { proposeServiceTime } from "../../../src/core/kinds/service/use-cases/propose-service-time.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { buttonLabels, textOf } from "./block-text.js";
import { type ServiceHarness, startServiceHarness } from "./service-harness.js";
import { CLEANING_CHANNEL, FRONTDESK_CHANNEL } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("a service's callback card in #frontdesk, through the real Bolt app", () => {
  let h: ServiceHarness;

  beforeEach(async () => {
    h = await startServiceHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  it("waits from the owner's acceptance with the fee and its receipt, becomes the prompt on the next working day, and Reached, satisfied closes the order", async () => {
    const order = await h.book({ serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, preferredTime: "Saturday morning" });
    const leader = { caseId: order.id, staffUserId: "UCLEANL" };
    await proposeServiceTime(h.ctx, { ...leader, at: new Date("2026-12-01T06:00:00Z") });
    await confirmServiceTime(h.ctx, { ownerUserId: "7001", caseId: order.id, proposedAt: "2026-12-01T06:00:00.000Z" });
    h.time.set("2026-12-01T06:00:00Z");
    await startService(h.ctx, leader);
    await completeService(h.ctx, leader);
    await acceptWork(h.ctx, { ownerUserId: "7001", caseId: order.id });
    await h.deliver();

    const waiting = h.latest(FRONTDESK_CHANNEL);
    const facts = textOf(waiting.blocks);
    expect(facts).toContain(`Callback ${order.number}`);
    expect(facts).toContain("*Service*\nHourly cleaning · CL-HOURLY");
    expect(facts).toContain("*Fee*\n¥150.00");
    expect(facts).toMatch(/\*Receipt\*\nRC-2026-\d{6}/);
    expect(facts).toContain("Waiting: the front desk is prompted on");
    expect(buttonLabels(waiting.blocks)).toEqual([]);

    h.time.set("2026-12-02T06:00:00Z");
    await runDueWork(h.ctx);
    await h.deliver();
    const prompt = h.latest(FRONTDESK_CHANNEL);
    expect(prompt.ts).toBe(waiting.ts);
    expect(buttonLabels(prompt.blocks)).toEqual(["Reached, satisfied", "Reached, not satisfied", "No answer", "Show number"]);

    await h.click(prompt, "callback.satisfied", "UFRONT1");
    await vi.waitFor(() => expect(h.order(order.id).status).toBe("closed"));
  });

  it("Reached, not satisfied sends the order back to the team, and the card records it in the service's words", async () => {
    const order = await h.book({ serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, preferredTime: "Saturday morning" });
    const leader = { caseId: order.id, staffUserId: "UCLEANL" };
    await proposeServiceTime(h.ctx, { ...leader, at: new Date("2026-12-01T06:00:00Z") });
    await confirmServiceTime(h.ctx, { ownerUserId: "7001", caseId: order.id, proposedAt: "2026-12-01T06:00:00.000Z" });
    h.time.set("2026-12-01T06:00:00Z");
    await startService(h.ctx, leader);
    await completeService(h.ctx, leader);
    await acceptWork(h.ctx, { ownerUserId: "7001", caseId: order.id });
    h.time.set("2026-12-02T06:00:00Z");
    await runDueWork(h.ctx);
    await h.deliver();

    await h.click(h.latest(FRONTDESK_CHANNEL), "callback.not_fixed", "UFRONT1");
    await vi.waitFor(() => expect(h.order(order.id).status).toBe("in_progress"));
    await h.deliver();

    expect(textOf(h.fake.channel(FRONTDESK_CHANNEL).find((message) => message.text.startsWith(`Callback ${order.number}`))?.blocks)).toContain("Recorded: reached, not satisfied");
    expect(textOf(h.card(CLEANING_CHANNEL, order.number).blocks)).toContain("recorded the callback: reached, not satisfied");
  });
});
