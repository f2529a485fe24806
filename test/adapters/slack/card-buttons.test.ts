import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { importStaff } from "../../../src/core/use-cases/import-staff.js";
import { blockActionPayload, postToBolt } from "../../../src/testing/fake-slack-server.js";
import { reportedRepair } from "../../support/workflow-fixture.js";
import { buttonLabels, buttonOf, textOf } from "./block-text.js";
import { MAINTENANCE_CHANNEL, pendingOfType, SIGNING_SECRET, type SlackHarness, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("dispatch card buttons, through the real Bolt app", () => {
  let h: SlackHarness;
  let ticketId: string;

  beforeEach(async () => {
    h = await startSlackHarness();
    ticketId = (await reportedRepair(h.ctx)).id;
    await h.deliver();
  });

  afterEach(async () => {
    await h.close();
  });

  it("a new repair's card reaches the maintenance channel with Claim, Assign, Cancel and Correct", () => {
    const card = h.latest(MAINTENANCE_CHANNEL);

    expect(card.text).toContain("R-2026-000001");
    expect(buttonLabels(card.blocks)).toEqual(["Claim", "Assign", "Cancel", "Correct"]);
  });

  it("a maintenance member's Claim assigns the ticket to them and queues a card refresh, without editing the card itself", async () => {
    const card = h.latest(MAINTENANCE_CHANNEL);

    const response = await h.click(card, "ticket.claim", "UMAINT1");

    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(h.ticket(ticketId)).toMatchObject({ status: "assigned", version: 2 }));
    const zhangWei = h.memory.snapshot().staff.find((member) => member.staffUserId === "UMAINT1");
    expect(h.ticket(ticketId).assigneeId).toBe(zhangWei?.id);
    expect(pendingOfType(h.memory, "staff.case-card")).toHaveLength(1);
    expect(h.fake.callsOf("chat.update")).toHaveLength(0);
    expect(h.fake.ephemerals()).toEqual([]);
  });

  it("the queued refresh redraws the same card in place with the assignee and the next buttons", async () => {
    await h.click(h.latest(MAINTENANCE_CHANNEL), "ticket.claim", "UMAINT1");
    await vi.waitFor(() => expect(pendingOfType(h.memory, "staff.case-card")).toHaveLength(1));

    await h.deliver();

    const shown = h.fake.channel(MAINTENANCE_CHANNEL);
    expect(shown).toHaveLength(1);
    expect(h.fake.callsOf("chat.update")).toHaveLength(1);
    expect(textOf(shown[0]?.blocks)).toContain("Zhang Wei");
    expect(buttonLabels(shown[0]?.blocks)).toEqual(["Assign", "Schedule", "Cancel", "Correct"]);
  });

  it("a click by a Slack user who is not registered staff gets an ephemeral explanation and changes nothing", async () => {
    const before = h.memory.snapshot();

    await h.click(h.latest(MAINTENANCE_CHANNEL), "ticket.claim", "UOUTSIDER");
    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

    expect(ephemeral.payload).toMatchObject({ channel: MAINTENANCE_CHANNEL, user: "UOUTSIDER", text: "Only registered staff can act on this. Ask the front desk to add you." });
    expect(h.memory.snapshot().cases).toEqual(before.cases);
    expect(h.memory.snapshot().outbox).toEqual(before.outbox);
    expect(h.logs).toContainEqual(expect.objectContaining({ msg: "staff action refused", code: "not_staff", staffUserId: "UOUTSIDER" }));
    expect(JSON.stringify(h.logs)).not.toContain("13800000001");
  });

  it("Start on a new ticket (a stale card) is refused with an ephemeral and changes nothing", async () => {
    const card = h.latest(MAINTENANCE_CHANNEL);
    const before = h.memory.snapshot();
    const value = buttonOf(card.blocks, "ticket.claim").value ?? "";

    await postToBolt(h.url, SIGNING_SECRET, blockActionPayload({ user: "UMAINT1", channel: MAINTENANCE_CHANNEL, messageTs: card.ts, actionId: "ticket.start", value, message: card }));
    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

    expect(ephemeral.payload).toMatchObject({ user: "UMAINT1", text: "You cannot start R-2026-000001 now: it is “New”." });
    expect(h.memory.snapshot().cases).toEqual(before.cases);
    expect(h.memory.snapshot().events).toEqual(before.events);
  });

  it("a cleaning member may not claim a maintenance ticket and is told whose work it is", async () => {
    await h.click(h.latest(MAINTENANCE_CHANNEL), "ticket.claim", "UCLEAN1");
    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

    expect(ephemeral.payload).toMatchObject({ user: "UCLEAN1", text: "This is work for Maintenance, and you are in Cleaning. Only Maintenance can claim R-2026-000001." });
    expect(h.ticket(ticketId).status).toBe("new");
  });

  it("a double click on Claim claims once and does not answer the repeat with an error", async () => {
    const card = h.latest(MAINTENANCE_CHANNEL);

    await Promise.all([h.click(card, "ticket.claim", "UMAINT1"), h.click(card, "ticket.claim", "UMAINT1")]);
    await vi.waitFor(() => expect(h.logs.map((line) => line.msg)).toContain("repeated click ignored"));
    await vi.waitFor(() => expect(h.ticket(ticketId).status).toBe("assigned"));

    expect(h.memory.snapshot().events.filter((event) => event.type === "claim")).toHaveLength(1);
    expect(h.fake.callsOf("chat.postEphemeral")).toEqual([]);
  });

  it("a refused click is not remembered as done: a Claim refused before its clicker was imported as staff claims on the next click", async () => {
    const card = h.latest(MAINTENANCE_CHANNEL);
    await h.click(card, "ticket.claim", "UMAINT9");
    await h.fake.waitForCall("chat.postEphemeral", (call) => call.payload.user === "UMAINT9");
    await importStaff(h.ctx, [{ line: 2, values: { slack_user_id: "UMAINT9", name: "Wu Gang", team: "maintenance", role: "member" } }]);

    await h.click(card, "ticket.claim", "UMAINT9");

    await vi.waitFor(() => expect(h.ticket(ticketId).status).toBe("assigned"));
    expect(h.fake.callsOf("chat.postEphemeral")).toHaveLength(1);
  });

  it("an unreadable button value is answered as an outdated button", async () => {
    const card = h.latest(MAINTENANCE_CHANNEL);

    await postToBolt(h.url, SIGNING_SECRET, blockActionPayload({ user: "UMAINT1", channel: MAINTENANCE_CHANNEL, messageTs: card.ts, actionId: "ticket.claim", value: "R-2026-000001", message: card }));
    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

    expect(ephemeral.payload).toMatchObject({ text: "This button is out of date. Please use the latest card." });
    expect(h.ticket(ticketId).status).toBe("new");
  });
});
