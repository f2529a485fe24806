import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { requestOtherVisitTime } from "../../../src/core/kinds/service/package/owner-visit-steps.js";
import { monthCloseTask, monthVisitsTask } from "../../../src/core/kinds/service/package/tasks.js";
import { completeService } from "../../../src/core/kinds/service/use-cases/complete-service.js";
import { startService } from "../../../src/core/kinds/service/use-cases/start-service.js";
import { ensureRecurringTasks } from "../../../src/core/use-cases/ensure-recurring-tasks.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { answerQuote } from "../../../src/core/kinds/service/use-cases/answer-quote.js";
import { quoteService } from "../../../src/core/kinds/service/use-cases/quote-service.js";
import { recipientOf } from "../../../src/core/domain/outbox.js";
import type { ServiceCase } from "../../../src/core/kinds/service/details.js";
import { buttonLabels, buttonOf, textOf } from "./block-text.js";
import { chosen, picked, type ServiceHarness, startServiceHarness } from "./service-harness.js";
import { CLEANING_CHANNEL, FRONTDESK_CHANNEL } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("a monthly package on its card in #cleaning, through the real Bolt app", () => {
  let h: ServiceHarness;
  let order: ServiceCase;

  const workOrders = () => h.memory.snapshot().workOrders.filter((row) => row.caseId === order.id).sort((a, b) => a.sequence - b.sequence);
  const card = () => h.card(CLEANING_CHANNEL, order.number);

  beforeEach(async () => {
    h = await startServiceHarness();
    // Tuesday 1 December, 10:00: the package is quoted every Tuesday at 09:00 and accepted now.
    order = await h.book({ serviceType: "cleaning_monthly", priceCode: "CL-MONTHLY-WEEKLY", preferredTime: "Tuesday mornings" });
    await quoteService(h.ctx, { caseId: order.id, staffUserId: "UCLEANL", lines: [{ code: "CL-MONTHLY-WEEKLY", quantity: 1 }], schedule: { weekdays: [2], time: "09:00", weeksOfMonth: null } });
    order = await answerQuote(h.ctx, { ownerUserId: "7001", caseId: order.id, answer: "accepted" });
    await h.deliver();
  });

  afterEach(async () => {
    await h.close();
  });

  it("lists the rest of the month's visits and works the next one with Start visit and Done visit, each naming it", async () => {
    expect(textOf(card().blocks)).toMatch(/S-2026-000001-01 · .*Dec 8, 09:00 · scheduled/);
    expect(workOrders().map((row) => row.number)).toEqual(["S-2026-000001-01", "S-2026-000001-02", "S-2026-000001-03", "S-2026-000001-04"]);
    expect(buttonLabels(card().blocks)).toContain("Start visit S-2026-000001-01");

    h.time.set("2026-12-08T01:00:00Z");
    await h.click(card(), "service.start_visit", "UCLEANL");
    await vi.waitFor(() => expect(workOrders()[0]?.status).toBe("in_progress"));
    await h.deliver();
    expect(buttonLabels(card().blocks)).toEqual(expect.arrayContaining(["Start visit S-2026-000001-02", "Done visit S-2026-000001-01"]));
    await h.click(card(), "service.done_visit", "UCLEANL");
    await vi.waitFor(() => expect(workOrders()[0]?.status).toBe("done"));
    await h.deliver();

    expect(textOf(card().blocks)).toMatch(/S-2026-000001-01 · .* · done, owner inspects/);
    expect(h.order(order.id).status).toBe("active");
  });

  it("a visit the owner asks to move is offered in Propose time, and the owner gets the new time to confirm", async () => {
    await requestOtherVisitTime(h.ctx, { ownerUserId: "7001", caseId: order.id, visitAt: "2026-12-15T01:00:00.000Z", wish: "Wednesday instead" });
    await h.deliver();
    expect(textOf(card().blocks)).toContain("owner asks another time (Wednesday instead)");

    const modal = await h.openModal(card(), "service.propose_visit_time", "UCLEANL");
    expect(textOf(modal.blocks)).toContain("S-2026-000001-02");
    await h.submitAndDeliver(modal, "UCLEANL", { ...chosen("service_visit", "2026-12-15T01:00:00.000Z"), ...picked("2026-12-16", "09:00") }, () =>
      expect(workOrders()[1]).toMatchObject({ status: "proposed", proposedAt: new Date("2026-12-16T01:00:00Z") }),
    );

    expect(textOf(card().blocks)).toMatch(/S-2026-000001-02 · .*Dec 15, 09:00 → .*Dec 16, 09:00 · new time proposed/);
    const [notice] = h.ownerNotices("service.visit_time_proposed");
    expect(notice?.params).toMatchObject({ workOrder: "S-2026-000001-02", at: { instant: "2026-12-16T01:00:00.000Z" } });
    expect(notice?.buttons.map((button) => button.action)).toContain("time.confirm");
  });

  it("End package asks Slack's confirmation first, then ends it and cancels the visits not begun", async () => {
    expect(buttonOf(card().blocks, "service.end_package")).toMatchObject({ confirm: { style: "danger" } });

    await h.click(card(), "service.end_package", "UCLEANL");

    await vi.waitFor(() => expect(h.order(order.id).status).toBe("ended"));
    expect(workOrders().map((row) => row.status)).toEqual(["cancelled", "cancelled", "cancelled", "cancelled"]);
  });

  it("the month close on 1 January posts December's digest to #frontdesk with the package's pro rata receipt", async () => {
    await ensureRecurringTasks(h.ctx, [{ task: monthVisitsTask }, { task: monthCloseTask }]);
    h.time.set("2026-12-08T01:00:00Z");
    await startService(h.ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt: "2026-12-08T01:00:00.000Z" });
    await completeService(h.ctx, { caseId: order.id, staffUserId: "UCLEANL", visitAt: "2026-12-08T01:00:00.000Z" });

    h.time.set("2026-12-31T16:00:00Z");
    await runDueWork(h.ctx);
    await h.deliver();

    const digest = h.fake.channel(FRONTDESK_CHANNEL).find((message) => message.text.startsWith("Service orders of 2026-12"));
    const shown = textOf(digest?.blocks);
    expect(shown).toContain("*3-1202 · 王芳*");
    expect(shown).toMatch(/S-2026-000001-01 · .* · done, owner inspects/);
    // One of December's five Tuesdays done: ¥880.00 × 1/5, receipted at the close on 1 January.
    expect(shown).toContain("RC-2027-000001 · ¥176.00");
    expect(shown).toContain("Month's total: ¥176.00");
  });

  it("the month's digest for #frontdesk lists the customer's work orders with their status and the month's total", async () => {
    h.time.set("2026-12-08T01:00:00Z");
    await h.click(card(), "service.start_visit", "UCLEANL");
    await vi.waitFor(() => expect(workOrders()[0]?.status).toBe("in_progress"));
    const payload = { type: "staff.digest" as const, team: "frontdesk" as const, digest: "service.month", period: "2026-12" };

    await h.sender.send({ id: "digest-1", seq: 1, channel: "slack", recipient: recipientOf(payload), payload, refKey: null, status: "sending", attempts: 0, notBefore: new Date(0), platformMessageId: null, lastError: null, createdAt: new Date() }, null);

    const digest = h.latest(FRONTDESK_CHANNEL);
    expect(digest.text).toBe("Service orders of 2026-12: ¥0.00 · customers: 1");
    const shown = textOf(digest.blocks);
    expect(shown).toContain("*3-1202 · 王芳* · ¥0.00");
    expect(shown).toContain("S-2026-000001 · Monthly cleaning (CL-MONTHLY-WEEKLY)");
    expect(shown).toMatch(/S-2026-000001-01 · .* · in progress/);
    expect(shown).toMatch(/S-2026-000001-04 · .* · scheduled/);
  });
});
