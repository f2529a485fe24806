import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import type { ViewOutput, ViewStateValue } from "@slack/bolt";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import { globalShortcutPayload, postToBolt } from "../../../src/testing/fake-slack-server.js";
import { reportedRepair } from "../../support/workflow-fixture.js";
import { buttonLabels, textOf } from "./block-text.js";
import { finishRepair, FRONTDESK_CHANNEL, MAINTENANCE_CHANNEL, SIGNING_SECRET, type SlackHarness, startSlackHarness } from "./slack-harness.js";
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

describe("the front desk's form (global shortcut new_request), through the real Bolt app", () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  const text = (value: string): ViewStateValue => ({ type: "plain_text_input", value });
  const option = (value: string): ViewStateValue => ({ type: "static_select", selected_option: { text: { type: "plain_text", text: value }, value } });

  it("finds the unit, names the caller among its residents, and records a repair taken by phone that reaches maintenance", async () => {
    await postToBolt(h.url, SIGNING_SECRET, globalShortcutPayload({ user: "UFRONT1", callbackId: "new_request" }));
    await h.fake.waitForCall("views.open");
    const unitStep = h.fake.views().at(-1)!;

    const unknown = await h.submit(unitStep, "UFRONT1", { intake_channel: { intake_channel: option("phone") }, intake_building: { intake_building: text("9") }, intake_unit: { intake_unit: text("0101") } });
    expect(JSON.parse(unknown.body)).toMatchObject({ response_action: "errors", errors: { intake_unit: "There is no unit 0101 in building 9. Please check and try again." } });

    const found = await h.submit(unitStep, "UFRONT1", { intake_channel: { intake_channel: option("phone") }, intake_building: { intake_building: text("3") }, intake_unit: { intake_unit: text("1202") } });
    const detailsStep = JSON.parse(found.body).view as ViewOutput;
    const callerSelect = detailsStep.blocks.find((block) => block.block_id === "intake_caller") as unknown as { element: { options: { text: { text: string }; value: string }[] } };
    expect(callerSelect.element.options.map((o) => o.text.text)).toEqual(["王芳 +86 138****0001 · owner"]);

    const done = await h.submit(detailsStep, "UFRONT1", {
      intake_caller: { intake_caller: option(callerSelect.element.options[0]!.value) },
      intake_new_name: { intake_new_name: text("") },
      intake_new_phone: { intake_new_phone: text("") },
      intake_category: { intake_category: option("plumbing") },
      intake_description: { intake_description: text("Kitchen tap drips all night") },
      intake_preferred_time: { intake_preferred_time: text("Tomorrow morning") },
    });
    expect(JSON.stringify(JSON.parse(done.body).view)).toContain("Recorded as R-2026-000001");

    await h.deliver();
    expect(h.latest(MAINTENANCE_CHANNEL).text).toContain("R-2026-000001");
    expect(textOf(h.latest(MAINTENANCE_CHANNEL).blocks)).toContain("By phone");
    expect(h.memory.snapshot().cases[0]).toMatchObject({ details: { intakeChannel: "phone" } });
  });

  it("a caller who is neither chosen nor named keeps the form open with the field's error", async () => {
    await postToBolt(h.url, SIGNING_SECRET, globalShortcutPayload({ user: "UFRONT1", callbackId: "new_request" }));
    await h.fake.waitForCall("views.open");
    const found = await h.submit(h.fake.views().at(-1)!, "UFRONT1", { intake_channel: { intake_channel: option("counter") }, intake_building: { intake_building: text("3") }, intake_unit: { intake_unit: text("1202") } });

    const refused = await h.submit(JSON.parse(found.body).view as ViewOutput, "UFRONT1", {
      intake_new_name: { intake_new_name: text("") },
      intake_new_phone: { intake_new_phone: text("") },
      intake_category: { intake_category: option("plumbing") },
      intake_description: { intake_description: text("Door lock stuck") },
      intake_preferred_time: { intake_preferred_time: text("Today") },
    });

    expect(JSON.parse(refused.body)).toMatchObject({ response_action: "errors", errors: { intake_new_name: "Choose the caller or give a name and a phone." } });
    expect(h.memory.snapshot().cases).toEqual([]);
  });

  it("Show number on the callback card gives the front desk the full number, privately, and records it", async () => {
    const ticketId = (await reportedRepair(h.ctx)).id;
    await finishRepair(h.ctx, ticketId);
    h.time.set("2026-12-01T02:00:00Z");
    await runDueWork(h.ctx);
    await h.deliver();
    const card = h.latest(FRONTDESK_CHANNEL);
    expect(textOf(card.blocks)).toContain("+86 138****0001");
    expect(textOf(card.blocks)).not.toContain("13800000001");

    await h.click(card, "callback.show_number", "UFRONT1");

    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");
    expect(ephemeral.payload).toMatchObject({ user: "UFRONT1", text: expect.stringContaining("+8613800000001") });
    await vi.waitFor(() => expect(h.memory.snapshot().events.map((event) => event.type)).toContain("phone_shown"));
  });
});
