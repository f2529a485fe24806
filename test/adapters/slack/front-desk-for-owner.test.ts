import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { reportedRepair } from "../../support/workflow-fixture.js";
import { buttonLabels } from "./block-text.js";
import { MAINTENANCE_CHANNEL, type SlackHarness, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("the front desk acts for the owner on the work order, through the real Bolt app", () => {
  let h: SlackHarness;
  let ticketId: string;

  beforeEach(async () => {
    h = await startSlackHarness();
    ticketId = (await reportedRepair(h.ctx)).id;
  });

  afterEach(async () => {
    await h.close();
  });

  it("'Owner confirmed by phone' next to the owner's Confirm schedules the visit, recorded with who did it", async () => {
    await claimCase(h.ctx, { caseId: ticketId, staffUserId: "UMAINT1" });
    await proposeAppointment(h.ctx, { caseId: ticketId, staffUserId: "UMAINT1", at: new Date(h.ctx.time.now().getTime() + 86_400_000) });
    await h.deliver();
    const card = h.latest(MAINTENANCE_CHANNEL);
    expect(buttonLabels(card.blocks)).toContain("Owner confirmed by phone");

    await h.click(card, "ticket.confirm_by_phone", "UFRONT1");

    await vi.waitFor(() => expect(h.ticket(ticketId).status).toBe("scheduled"));
    const event = h.memory.snapshot().events.find((row) => row.type === "time_confirmed_by_phone");
    const lily = h.memory.snapshot().staff.find((member) => member.staffUserId === "UFRONT1");
    expect(event).toMatchObject({ actor: { type: "staff", id: lily?.id }, data: { by: "Lily Chen" } });
  });

  it("a maintenance member cannot record the owner's confirmation", async () => {
    await claimCase(h.ctx, { caseId: ticketId, staffUserId: "UMAINT1" });
    await proposeAppointment(h.ctx, { caseId: ticketId, staffUserId: "UMAINT1", at: new Date(h.ctx.time.now().getTime() + 86_400_000) });
    await h.deliver();

    await h.click(h.latest(MAINTENANCE_CHANNEL), "ticket.confirm_by_phone", "UMAINT1");

    await h.fake.waitForCall("chat.postEphemeral");
    expect(h.ticket(ticketId).status).toBe("awaiting_confirmation");
  });

  it("Correct opens a modal with the current category and billing, and its submission records the reason", async () => {
    await h.deliver();
    await h.click(h.latest(MAINTENANCE_CHANNEL), "ticket.correct", "UFRONT1");
    await h.fake.waitForCall("views.open");
    const view = h.fake.views().at(-1)!;

    const empty = await h.submit(view, "UFRONT1", {
      correction_category: { correction_category: { type: "static_select", selected_option: { text: { type: "plain_text", text: "x" }, value: "plumbing" } } },
      correction_billing: { correction_billing: { type: "static_select", selected_option: { text: { type: "plain_text", text: "x" }, value: "warranty" } } },
      correction_reason: { correction_reason: { type: "plain_text_input", value: "" } },
    });
    expect(JSON.parse(empty.body)).toMatchObject({ response_action: "errors", errors: { correction_reason: expect.any(String) } });

    await h.submit(view, "UFRONT1", {
      correction_category: { correction_category: { type: "static_select", selected_option: { text: { type: "plain_text", text: "x" }, value: "electrical" } } },
      correction_billing: { correction_billing: { type: "static_select", selected_option: { text: { type: "plain_text", text: "x" }, value: "paid" } } },
      correction_reason: { correction_reason: { type: "plain_text_input", value: "The socket, not the pipe; out of warranty" } },
    });

    await vi.waitFor(() => expect(h.ticket(ticketId).details).toMatchObject({ category: "electrical", billing: "paid" }));
    const types = h.memory.snapshot().events.map((row) => row.type);
    expect(types).toEqual(expect.arrayContaining(["category_corrected", "billing_corrected"]));
  });
});
