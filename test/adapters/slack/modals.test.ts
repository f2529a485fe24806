import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { reportedRepair } from "../../support/workflow-fixture.js";
import { textOf } from "./block-text.js";
import { finishRepair, MAINTENANCE_CHANNEL, type SlackHarness, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

type Options = { options: { text: { text: string }; value: string }[] };

describe("card buttons that open a modal, through the real Bolt app", () => {
  let h: SlackHarness;
  let ticketId: string;
  const staffId = (staffUserId: string) => h.memory.snapshot().staff.find((member) => member.staffUserId === staffUserId)?.id ?? "";

  beforeEach(async () => {
    h = await startSlackHarness();
    ticketId = (await reportedRepair(h.ctx)).id;
    await h.deliver();
  });

  afterEach(async () => {
    await h.close();
  });

  async function openModal(actionId: string, user: string) {
    await h.click(h.latest(MAINTENANCE_CHANNEL), actionId, user);
    await h.fake.waitForCall("views.open");
    const view = h.fake.views().at(-1);
    if (!view) throw new Error("no modal open");
    return view;
  }

  it("Assign opens a modal listing the ticket team's members, and its submission assigns the chosen one", async () => {
    const view = await openModal("ticket.assign", "UMAINTL");
    const select = (view.blocks.find((block) => block.block_id === "assignee") as unknown as { element: Options }).element;

    expect(select.options.map((option) => option.text.text)).toEqual(["Li Qiang", "Zhang Wei", "Zhao Lei (leader)"]);
    const response = await h.submit(view, "UMAINTL", {
      assignee: { assignee: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Li Qiang" }, value: staffId("UMAINT2") } } },
    });

    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    await vi.waitFor(() => expect(h.ticket(ticketId)).toMatchObject({ status: "assigned", assigneeId: staffId("UMAINT2") }));
  });

  it("Assign by a member who may not dispatch is refused at the click, before any modal opens", async () => {
    await h.click(h.latest(MAINTENANCE_CHANNEL), "ticket.assign", "UMAINT1");
    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

    expect(ephemeral.payload).toMatchObject({ user: "UMAINT1", text: "You are a member of Maintenance. Only the Maintenance leader (Zhao Lei) or the front desk can assign R-2026-000001." });
    expect(h.fake.callsOf("views.open")).toEqual([]);
  });

  it("an Assign submission without a choice keeps the modal open with the field's error", async () => {
    const view = await openModal("ticket.assign", "UMAINTL");

    const response = await h.submit(view, "UMAINTL", { assignee: { assignee: { type: "static_select", selected_option: null } } });

    expect(JSON.parse(response.body)).toEqual({ response_action: "errors", errors: { assignee: "Choose who does the work." } });
    expect(h.ticket(ticketId).status).toBe("new");
  });

  describe("Schedule", () => {
    beforeEach(async () => {
      await claimCase(h.ctx, { caseId: ticketId, staffUserId: "UMAINT1" });
      await h.deliver();
    });

    it("opens with the owner's preferred time as context and tomorrow 10:00 on the property's clocks", async () => {
      const view = await openModal("ticket.schedule", "UMAINT1");

      expect(textOf(view.blocks)).toContain("Owner's preferred time: Tomorrow morning");
      expect(view.blocks).toContainEqual(expect.objectContaining({ block_id: "date", element: expect.objectContaining({ initial_date: "2026-12-01" }) }));
      expect(view.blocks).toContainEqual(expect.objectContaining({ block_id: "time", element: expect.objectContaining({ initial_time: "10:00", timezone: "Asia/Shanghai" }) }));
    });

    it("proposes the picked date and time read in the property's zone (14:30 Shanghai is 06:30 UTC)", async () => {
      const view = await openModal("ticket.schedule", "UMAINT1");

      await h.submit(view, "UMAINT1", {
        date: { date: { type: "datepicker", selected_date: "2026-12-02" } },
        time: { time: { type: "timepicker", selected_time: "14:30" } },
      });

      await vi.waitFor(() => expect(h.ticket(ticketId).status).toBe("awaiting_confirmation"));
      expect(h.ticket(ticketId).details.appointmentAt?.toISOString()).toBe("2026-12-02T06:30:00.000Z");
    });

    it("refuses a time that has passed inside the modal and changes nothing", async () => {
      const view = await openModal("ticket.schedule", "UMAINT1");

      const response = await h.submit(view, "UMAINT1", {
        date: { date: { type: "datepicker", selected_date: "2026-11-30" } },
        time: { time: { type: "timepicker", selected_time: "09:00" } },
      });

      expect(JSON.parse(response.body)).toEqual({ response_action: "errors", errors: { time: "This time has already passed." } });
      expect(h.ticket(ticketId).status).toBe("assigned");
    });
  });

  it("Cancel asks for a reason and its submission cancels the ticket with it", async () => {
    const view = await openModal("ticket.cancel", "UFRONT1");

    const tooShort = await h.submit(view, "UFRONT1", { reason: { reason: { type: "plain_text_input", value: "x" } } });
    await h.submit(view, "UFRONT1", { reason: { reason: { type: "plain_text_input", value: "Owner fixed it himself" } } });

    expect(JSON.parse(tooShort.body)).toMatchObject({ response_action: "errors", errors: { reason: expect.any(String) } });
    await vi.waitFor(() => expect(h.ticket(ticketId)).toMatchObject({ status: "cancelled", cancelReason: "Owner fixed it himself" }));
  });

  it("a submission the core refuses is explained to the submitter in the card's channel", async () => {
    const view = await openModal("ticket.cancel", "UFRONT1");
    await finishRepair(h.ctx, ticketId);

    await h.submit(view, "UFRONT1", { reason: { reason: { type: "plain_text_input", value: "Duplicate request" } } });
    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

    expect(ephemeral.payload).toMatchObject({ channel: MAINTENANCE_CHANNEL, user: "UFRONT1", text: "You cannot cancel R-2026-000001 now: it is “Done, callback pending”." });
    expect(h.ticket(ticketId).status).toBe("awaiting_callback");
  });
});
