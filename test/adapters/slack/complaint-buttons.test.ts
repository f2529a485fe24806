import type { ViewOutput, ViewStateValue } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ComplaintCase } from "../../../src/core/kinds/complaint/details.js";
import { classifyComplaint } from "../../../src/core/kinds/complaint/use-cases/classify-complaint.js";
import { fileComplaint, type FileComplaintInput } from "../../../src/core/kinds/complaint/use-cases/file-complaint.js";
import { runDueWork } from "../../../src/core/use-cases/run-due-work.js";
import type { SlackShownMessage } from "../../../src/testing/fake-slack-server.js";
import { hour, verifiedOwner } from "../../support/workflow-fixture.js";
import { buttonLabels, buttonOf, textOf } from "./block-text.js";
import { FRONTDESK_CHANNEL, MAINTENANCE_CHANNEL, MANAGER_CHANNEL, pendingOfType, type SlackHarness, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("complaint card buttons, through the real Bolt app", () => {
  let h: SlackHarness;
  let complaintId: string;

  const complaint = () => h.memory.snapshot().cases.find((subject) => subject.id === complaintId) as ComplaintCase;
  const staffId = (staffUserId: string) => h.memory.snapshot().staff.find((member) => member.staffUserId === staffUserId)?.id ?? "";
  /** The complaint's own card in the front desk channel (the first message posted there), as shown now. */
  const card = () => {
    const found = h.fake.channel(FRONTDESK_CHANNEL).find((message) => message.text.startsWith("Complaint C-2026-000001"));
    if (!found) throw new Error("no complaint card in the front desk channel");
    return found;
  };
  const inChannel = (channel: string, prefix: string) => h.fake.channel(channel).filter((message) => message.text.startsWith(prefix));
  const ownerNotices = (key: string) => pendingOfType(h.memory, "owner.notice").map((row) => row.payload).filter((payload) => "key" in payload && payload.key === key);

  async function file(overrides: Partial<FileComplaintInput> = {}): Promise<void> {
    const ownerUserId = await verifiedOwner(h.ctx);
    complaintId = (
      await fileComplaint(h.ctx, {
        ownerUserId,
        subject: "noise",
        description: "Drilling from the unit above after 22:00 every night",
        whenWhere: "Every night this week, 3-1302",
        about: null,
        ownerRequest: "Ask them to stop after 22:00",
        deadline: null,
        photos: [],
        ...overrides,
      })
    ).id;
    await h.deliver();
  }

  async function openModal(message: SlackShownMessage, actionId: string, user: string): Promise<ViewOutput> {
    const before = h.fake.views().length;
    await h.click(message, actionId, user);
    await vi.waitFor(() => expect(h.fake.views().length).toBe(before + 1));
    return h.fake.views().at(-1) as ViewOutput;
  }

  const select = (block: string, value: string): Record<string, Record<string, ViewStateValue>> => ({
    [block]: { [block]: { type: "static_select", selected_option: { text: { type: "plain_text", text: value }, value } } },
  });
  const typed = (block: string, value: string): Record<string, Record<string, ViewStateValue>> => ({ [block]: { [block]: { type: "plain_text_input", value } } });

  /** Clicks, waits for the core to act (`done`), and delivers the redrawn cards and alerts. */
  async function clickAndDeliver(message: SlackShownMessage, actionId: string, user: string, done: () => void): Promise<void> {
    await h.click(message, actionId, user);
    await vi.waitFor(done);
    await h.deliver();
  }

  async function submitAndDeliver(view: ViewOutput, user: string, values: Record<string, Record<string, ViewStateValue>>, done: () => void): Promise<void> {
    const response = await h.submit(view, user, values);
    expect(response.body).toBe("");
    await vi.waitFor(done);
    await h.deliver();
  }

  beforeEach(async () => {
    h = await startSlackHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  it("a received complaint reaches the front desk with its facts, the suggested tier's button primary", async () => {
    await file({ description: "Water leaking (漏水) through the ceiling onto the wiring" });

    const shown = card();
    expect(textOf(shown.blocks)).toContain("*Tier*\nSuggested: Major");
    expect(textOf(shown.blocks)).toContain(":alarm_clock: Classify the complaint due Mon, Nov 30, 11:00");
    expect(buttonLabels(shown.blocks)).toEqual(["Major", "Service error", "Minor", "Invalid", "Supervisor takes over", "Harm ongoing", "Cancel"]);
    expect(buttonOf(shown.blocks, "complaint.classify_major")).toMatchObject({ style: "primary" });
  });

  it("Major classifies at once: the card is redrawn in place and a copy reaches the manager's channel with a mention", async () => {
    await file();
    const posted = card();

    await clickAndDeliver(posted, "complaint.classify_major", "UFRONT1", () => expect(complaint().details.tier).toBe("major"));

    expect(card().ts).toBe(posted.ts);
    expect(textOf(card().blocks)).toContain("*Tier*\nMajor");
    expect(textOf(card().blocks)).toContain("Manager acknowledges (same day) due Mon, Nov 30, 23:59");
    const copy = inChannel(MANAGER_CHANNEL, "Complaint C-2026-000001");
    expect(copy).toHaveLength(1);
    expect(buttonLabels(copy[0]?.blocks)).toContain("Acknowledge");
    const alert = h.fake.channel(MANAGER_CHANNEL).find((message) => message.text.includes("a major complaint"));
    expect(alert?.text).toBe("<@UMANAGR> C-2026-000001: a major complaint. Please acknowledge it on the card by Mon, Nov 30, 23:59.");

    // The manager acknowledges on the copy; both cards stop offering it.
    await clickAndDeliver(copy[0] as SlackShownMessage, "complaint.acknowledge", "UMANAGR", () => expect(complaint().details.acknowledgedAt).not.toBeNull());
    expect(buttonLabels(card().blocks)).not.toContain("Acknowledge");
    expect(buttonLabels(inChannel(MANAGER_CHANNEL, "Complaint C-2026-000001")[0]?.blocks)).not.toContain("Acknowledge");
    expect(textOf(card().blocks)).toContain("*Liu Yang* acknowledged it");
  });

  it("Service error asks for the department complained about, then forwards it to that head in the department's channel", async () => {
    await file({ subject: "staff_attitude" });

    const view = await openModal(card(), "complaint.classify_service_error", "UFRONT1");
    expect(view.callback_id).toBe("complaint.service_error_modal");
    await submitAndDeliver(view, "UFRONT1", select("complaint_department", "maintenance"), () => expect(complaint().details.tier).toBe("service_error"));

    expect(complaint()).toMatchObject({ status: "open", assigneeId: staffId("UMAINTL"), details: { department: "maintenance" } });
    expect(inChannel(MAINTENANCE_CHANNEL, "Complaint C-2026-000001")).toHaveLength(1);
    const alert = h.fake.channel(MAINTENANCE_CHANNEL).find((message) => message.text.includes("service error"));
    expect(alert?.text).toContain("<@UMAINTL> C-2026-000001: a service error complaint about your department.");
    expect(textOf(card().blocks)).toContain("*Responsible*\nZhao Lei");
    expect(textOf(card().blocks)).toContain("Department head acknowledges due Mon, Nov 30, 11:00");
  });

  it("a Service error submission without a department keeps the modal open with the field's error", async () => {
    await file();
    const view = await openModal(card(), "complaint.classify_service_error", "UFRONT1");

    const response = await h.submit(view, "UFRONT1", { complaint_department: { complaint_department: { type: "static_select", selected_option: null } } });

    expect(JSON.parse(response.body)).toEqual({ response_action: "errors", errors: { complaint_department: "Choose a department." } });
    expect(complaint().status).toBe("received");
  });

  it("Minor classifies at once with the owner's own deadline as the resolution's", async () => {
    await file({ deadline: { days: 1 } });

    await clickAndDeliver(card(), "complaint.classify_minor", "UFRONT1", () => expect(complaint().details.tier).toBe("minor"));

    expect(textOf(card().blocks)).toContain("*Owner's deadline*\nTue, Dec 1, 10:00");
    expect(textOf(card().blocks)).toContain("Resolution due Tue, Dec 1, 10:00");
    expect(inChannel(MANAGER_CHANNEL, "Complaint")).toEqual([]);
    expect(ownerNotices("complaint.classified")).toHaveLength(1);
  });

  it("Invalid needs a helpful reply, which is sent to the owner", async () => {
    await file();
    const view = await openModal(card(), "complaint.mark_invalid", "UFRONT1");

    const empty = await h.submit(view, "UFRONT1", typed("complaint_words", " "));
    expect(JSON.parse(empty.body)).toMatchObject({ errors: { complaint_words: "Write at least two characters." } });
    await submitAndDeliver(view, "UFRONT1", typed("complaint_words", "The drilling is allowed until 22:00; we have asked them to keep to it."), () =>
      expect(complaint().status).toBe("invalid"),
    );

    expect(ownerNotices("complaint.invalid")).toEqual([
      expect.objectContaining({ params: { number: "C-2026-000001", reply: "The drilling is allowed until 22:00; we have asked them to keep to it." } }),
    ]);
    expect(buttonLabels(card().blocks)).toEqual([]);
    expect(textOf(card().blocks)).toContain("closed it as invalid; the owner got the reply");
  });

  describe("an open complaint", () => {
    beforeEach(async () => {
      await file();
      await classifyComplaint(h.ctx, { caseId: complaintId, staffUserId: "UFRONT1", tier: "minor" });
      await h.deliver();
    });

    it("Route sends it to the chosen department, whose head becomes responsible and is mentioned there", async () => {
      const view = await openModal(card(), "complaint.route", "UFRONT1");
      await submitAndDeliver(view, "UFRONT1", select("complaint_department", "maintenance"), () => expect(complaint().details.department).toBe("maintenance"));

      expect(complaint().assigneeId).toBe(staffId("UMAINTL"));
      expect(inChannel(MAINTENANCE_CHANNEL, "Complaint C-2026-000001")).toHaveLength(1);
      expect(h.fake.channel(MAINTENANCE_CHANNEL).some((message) => message.text.startsWith("<@UMAINTL> C-2026-000001: a complaint is routed to your department."))).toBe(true);
      expect(textOf(card().blocks)).toContain("*Lily Chen* routed it to Maintenance");
    });

    it("Contacted owner records the contact at once, and Send answer sends the staff's words to the owner", async () => {
      await clickAndDeliver(card(), "complaint.contact_owner", "UFRONT1", () => expect(complaint().details.contactedAt).not.toBeNull());
      expect(textOf(card().blocks)).toContain("*Owner contacted*\nMon, Nov 30, 10:00");

      const view = await openModal(card(), "complaint.send_answer", "UFRONT1");
      await submitAndDeliver(view, "UFRONT1", typed("complaint_words", "We spoke to 3-1302; the works stop at 20:00 from today."), () =>
        expect(complaint().details.answer).not.toBeNull(),
      );

      expect(ownerNotices("complaint.answer")).toEqual([expect.objectContaining({ params: { number: "C-2026-000001", answer: "We spoke to 3-1302; the works stop at 20:00 from today." } })]);
      expect(textOf(card().blocks)).toContain("*Answer sent Mon, Nov 30, 10:00*\nWe spoke to 3-1302; the works stop at 20:00 from today.");
    });

    it("Harm ongoing opens a linked urgent repair whose dispatch card reaches maintenance, mentioning its leader; the complaint goes on", async () => {
      const view = await openModal(card(), "complaint.harm_ongoing", "UFRONT1");
      expect(JSON.stringify(view.blocks)).toContain('"initial_value":"Drilling from the unit above after 22:00 every night"');
      await submitAndDeliver(
        view,
        "UFRONT1",
        { ...select("complaint_category", "water_leak"), ...typed("complaint_harm", "Water from 3-1302 is coming through the ceiling") },
        () => expect(complaint().details.harmRepairId).not.toBeNull(),
      );

      const repair = h.ticket(complaint().details.harmRepairId ?? "");
      expect(repair).toMatchObject({ number: "R-2026-000001", linkedCaseId: complaintId, details: { category: "water_leak", description: "Water from 3-1302 is coming through the ceiling" } });
      expect(inChannel(MAINTENANCE_CHANNEL, "R-2026-000001 · Water leak")).toHaveLength(1);
      expect(textOf(inChannel(MAINTENANCE_CHANNEL, "R-2026-000001 · Water leak")[0]?.blocks)).toContain("At once: harm is ongoing");
      const alert = h.fake.channel(MAINTENANCE_CHANNEL).find((message) => message.text.includes("ongoing harm"));
      expect(alert?.text).toBe("<@UMAINTL> R-2026-000001: urgent repair for ongoing harm in complaint C-2026-000001. Stop the harm first.");
      expect(complaint().status).toBe("open");
      expect(textOf(card().blocks)).toContain("Urgent repair for the ongoing harm: R-2026-000001");
      expect(buttonLabels(card().blocks)).not.toContain("Harm ongoing");
    });

    it("Supervisor takes over assigns the front desk leader and mentions them", async () => {
      await clickAndDeliver(card(), "complaint.supervisor_takeover", "UFRONT1", () => expect(complaint().assigneeId).toBe(staffId("UFRONTL")));

      const alert = h.fake.channel(FRONTDESK_CHANNEL).find((message) => message.text.includes("supervisor"));
      expect(alert?.text).toBe("<@UFRONTL> C-2026-000001: Lily Chen asks a supervisor to take over a very upset owner. You are now responsible.");
      expect(textOf(card().blocks)).toContain("*Responsible*\nGrace Wu");
    });

    it("Resolve tells the owner the resolution with Resolved / Not resolved, and a callback card waits in the front desk channel", async () => {
      const view = await openModal(card(), "complaint.resolve", "UFRONT1");
      await submitAndDeliver(view, "UFRONT1", typed("complaint_words", "The neighbour agreed to stop the works at 20:00."), () => expect(complaint().status).toBe("resolved"));

      const [notice] = ownerNotices("complaint.resolved");
      expect(notice).toMatchObject({
        params: { number: "C-2026-000001", resolution: "The neighbour agreed to stop the works at 20:00." },
        buttons: [
          { kind: "complaint", action: "verdict.resolved", caseId: complaintId },
          { kind: "complaint", action: "verdict.not_resolved", caseId: complaintId },
        ],
      });
      const callback = inChannel(FRONTDESK_CHANNEL, "Callback C-2026-000001");
      expect(callback).toHaveLength(1);
      expect(textOf(callback[0]?.blocks)).toContain("*Resolution*\nThe neighbour agreed to stop the works at 20:00.");
      expect(textOf(card().blocks)).toContain("*Resolution, Mon, Nov 30, 10:00*\nThe neighbour agreed to stop the works at 20:00.");
      expect(buttonLabels(card().blocks)).toEqual([]);
    });
  });

  it("at the callback, Reached, not resolved reopens the complaint and alerts the responsible team's leader", async () => {
    await file();
    await classifyComplaint(h.ctx, { caseId: complaintId, staffUserId: "UFRONT1", tier: "minor" });
    await h.deliver();
    const view = await openModal(card(), "complaint.resolve", "UFRONT1");
    await submitAndDeliver(view, "UFRONT1", typed("complaint_words", "The neighbour agreed to stop the works at 20:00."), () => expect(complaint().status).toBe("resolved"));

    // Resolved Mon 10:00 in Shanghai: the front desk is asked to call the owner the next day.
    h.time.set("2026-12-01T02:00:00Z");
    await runDueWork(h.ctx);
    await h.deliver();
    const [prompt] = inChannel(FRONTDESK_CHANNEL, "Callback C-2026-000001");
    expect(buttonLabels(prompt?.blocks)).toEqual(["Reached, satisfied", "Reached, not resolved", "No answer", "Show number"]);

    await clickAndDeliver(prompt as SlackShownMessage, "callback.not_fixed", "UFRONT1", () => expect(complaint().status).toBe("open"));

    expect(textOf(card().blocks)).toContain("recorded the callback: reached, not resolved (reopened: not resolved at the callback)");
    // The callback card says the outcome in the complaint's words, not a repair's.
    const recorded = textOf(inChannel(FRONTDESK_CHANNEL, "Callback C-2026-000001")[0]?.blocks);
    expect(recorded).toContain("reached, not resolved");
    expect(recorded).not.toContain("not fixed");
    expect(h.fake.channel(FRONTDESK_CHANNEL).some((message) => message.text === "<@UFRONTL> C-2026-000001: the owner's complaint is not resolved. It is open again.")).toBe(true);
    expect(ownerNotices("complaint.reopened")).toHaveLength(1);
  });

  it("a maintenance member's Major is refused with an explanation and changes nothing", async () => {
    await file();
    const before = h.memory.snapshot().outbox.length;

    await h.click(card(), "complaint.classify_major", "UMAINT1");
    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

    expect(ephemeral.payload).toMatchObject({ user: "UMAINT1" });
    expect(ephemeral.payload.text).toBe("This is work for the front desk, and you are in Maintenance. Only the front desk can classify C-2026-000001.");
    expect(complaint()).toMatchObject({ status: "received", version: 1, details: { tier: null } });
    expect(h.memory.snapshot().outbox.length).toBe(before);
  });

  it("a click on a card older than the complaint's state is refused with the state it is in, and changes nothing", async () => {
    await file();
    const stale = card();
    await classifyComplaint(h.ctx, { caseId: complaintId, staffUserId: "UFRONT1", tier: "minor" });

    await h.click(stale, "complaint.classify_major", "UFRONT1");
    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

    expect(ephemeral.payload).toMatchObject({ user: "UFRONT1", text: "You cannot classify C-2026-000001 now: it is “Being handled”." });
    expect(complaint().details.tier).toBe("minor");
  });

  it("the shared Cancel asks for the reason and tells the owner, on a complaint as on a repair", async () => {
    await file();
    const view = await openModal(card(), "ticket.cancel", "UFRONT1");
    expect(textOf(view.blocks)).toContain("*C-2026-000001*\nDrilling from the unit above after 22:00 every night");

    await submitAndDeliver(view, "UFRONT1", typed("reason", "Filed twice; see C-2026-000002"), () => expect(complaint().status).toBe("cancelled"));

    expect(ownerNotices("complaint.cancelled")).toEqual([expect.objectContaining({ params: { number: "C-2026-000001", reason: "Filed twice; see C-2026-000002" } })]);
    expect(textOf(card().blocks)).toContain("Cancelled: Filed twice; see C-2026-000002");
    expect(buttonLabels(card().blocks)).toEqual([]);
  });

  it("a clock past its due instant shows as overdue after the due work ran, and its target was alerted once", async () => {
    await file();

    h.time.advance(hour + 60_000);
    await runDueWork(h.ctx);
    await h.deliver();

    expect(textOf(card().blocks)).toContain(":warning: Classify the complaint overdue since Mon, Nov 30, 11:00");
    expect(textOf(card().blocks)).toContain("*System* Classify the complaint overdue: the front desk leader alerted");
    const alerts = h.fake.channel(FRONTDESK_CHANNEL).filter((message) => message.text.includes("still not classified"));
    expect(alerts.map((message) => message.text)).toEqual(["<@UFRONTL> C-2026-000001: a complaint is still not classified; it was due by Mon, Nov 30, 11:00."]);
  });
});
