import type { ViewOutput, ViewStateValue } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ComplaintCase } from "../../../src/core/kinds/complaint/details.js";
import { globalShortcutPayload, postToBolt } from "../../../src/testing/fake-slack-server.js";
import { verifiedOwner } from "../../support/workflow-fixture.js";
import { textOf } from "./block-text.js";
import { MAINTENANCE_CHANNEL, SIGNING_SECRET, type SlackHarness, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

type Values = Record<string, Record<string, ViewStateValue>>;
const text = (value: string): ViewStateValue => ({ type: "plain_text_input", value });
const option = (value: string): ViewStateValue => ({ type: "static_select", selected_option: { text: { type: "plain_text", text: value }, value } });
const date = (value: string | null): ViewStateValue => ({ type: "datepicker", selected_date: value });
/** `view.state.values` as Slack sends them: block id, then action id, the same in this form. */
const values = (fields: Record<string, ViewStateValue>): Values => Object.fromEntries(Object.entries(fields).map(([id, value]) => [id, { [id]: value }]));

const letter = {
  intake_complaint_subject: option("noise"),
  intake_complaint_description: text("楼上每晚装修电钻，孩子无法入睡"),
  intake_complaint_when_where: text("每晚23点后，楼上4-1302"),
  intake_complaint_about: text(""),
  intake_complaint_request: text("请物业立即制止夜间施工"),
  intake_complaint_deadline: date("2026-12-05"),
};

describe("the front desk's form takes complaints too (global shortcut new_request), through the real Bolt app", () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  async function openForm(user = "UFRONT1"): Promise<ViewOutput> {
    await postToBolt(h.url, SIGNING_SECRET, globalShortcutPayload({ user, callbackId: "new_request" }));
    await h.fake.waitForCall("views.open");
    return h.fake.views().at(-1)!;
  }

  async function unitStep(kind: string, channel: string, user = "UFRONT1") {
    return h.submit(await openForm(user), user, values({ intake_kind: option(kind), intake_channel: option(channel), intake_building: text("3"), intake_unit: text("1202") }));
  }

  async function detailsStep(kind: string, channel: string): Promise<ViewOutput> {
    const response = await unitStep(kind, channel);
    return JSON.parse(response.body).view as ViewOutput;
  }

  const complaints = () => h.memory.snapshot().cases.filter((row) => row.kind === "complaint") as ComplaintCase[];

  it("a complaint by letter from a new caller is recorded as C-…, with the letter as its channel, the caller registered to the unit and the card queued for the front desk", async () => {
    const details = await detailsStep("complaint", "letter");
    expect(textOf(details.blocks)).toContain("*3-1202* · Complaint · By letter");

    const done = await h.submit(details, "UFRONT1", values({ intake_caller: { type: "static_select", selected_option: null }, intake_new_name: text("陈先生"), intake_new_phone: text("+8613900000009"), ...letter }));

    expect(JSON.parse(done.body).view.blocks[0].text.text).toBe(
      "Recorded as C-2026-000001. Tell the owner this number; the complaint is on the front desk's list to classify within the hour.",
    );
    const [complaint] = complaints();
    expect(complaint).toMatchObject({
      number: "C-2026-000001",
      status: "received",
      team: "frontdesk",
      details: { channel: "letter", subject: "noise", whenWhere: "每晚23点后，楼上4-1302", about: null, ownerRequest: "请物业立即制止夜间施工", ownerDeadline: new Date("2026-12-05T15:59:59.999Z") },
    });
    const caller = h.memory.snapshot().residents.find((resident) => resident.id === complaint!.reporterId);
    expect(caller).toMatchObject({ name: "陈先生", phone: "+8613900000009" });
    const lily = h.memory.snapshot().staff.find((member) => member.staffUserId === "UFRONT1");
    expect(h.memory.snapshot().events.find((event) => event.caseId === complaint!.id)).toMatchObject({ type: "reported", actor: { type: "staff", id: lily?.id }, data: { channel: "letter" } });
    expect(h.memory.snapshot().outbox.map((row) => row.payload)).toContainEqual({ type: "staff.case-card", team: "frontdesk", caseId: complaint!.id });
  });

  it("an owner on the bot named as the caller is told the number of the complaint taken at the counter", async () => {
    await verifiedOwner(h.ctx);
    const details = await detailsStep("complaint", "counter");
    const caller = (details.blocks.find((block) => block.block_id === "intake_caller") as unknown as { element: { options: { value: string }[] } }).element.options[0]!;

    await h.submit(details, "UFRONT1", values({ intake_caller: option(caller.value), intake_new_name: text(""), intake_new_phone: text(""), ...letter, intake_complaint_deadline: date(null) }));

    expect(complaints()[0]).toMatchObject({ reporterId: caller.value, details: { channel: "counter", ownerDeadline: null } });
    const notices = h.memory.snapshot().outbox.filter((row) => row.payload.type === "owner.notice").map((row) => row.payload);
    expect(notices).toContainEqual(expect.objectContaining({ key: "complaint.received_by_counter", params: { number: "C-2026-000001" } }));
  });

  it("a complaint missing what the owner asks for and its subject stays open with each field's error; nothing is recorded", async () => {
    const details = await detailsStep("complaint", "phone");

    const refused = await h.submit(details, "UFRONT1", values({
      intake_new_name: text("陈先生"),
      intake_new_phone: text("+8613900000009"),
      ...letter,
      intake_complaint_subject: { type: "static_select", selected_option: null },
      intake_complaint_request: text(" "),
    }));

    expect(JSON.parse(refused.body)).toEqual({
      response_action: "errors",
      errors: { intake_complaint_subject: "Choose what the complaint is about.", intake_complaint_request: "Please fill this in." },
    });
    expect(h.memory.snapshot().cases).toEqual([]);
    expect(h.memory.snapshot().residents.map((resident) => resident.name)).toEqual(["王芳"]);
  });

  it("an owner's deadline before today is refused on the date; nothing is recorded", async () => {
    const details = await detailsStep("complaint", "letter");

    const refused = await h.submit(details, "UFRONT1", values({ intake_new_name: text("陈先生"), intake_new_phone: text("+8613900000009"), ...letter, intake_complaint_deadline: date("2026-11-29") }));

    expect(JSON.parse(refused.body)).toEqual({ response_action: "errors", errors: { intake_complaint_deadline: "Choose a date from today to a year ahead." } });
    expect(h.memory.snapshot().cases).toEqual([]);
  });

  it("a repair by letter is refused on the channel before the unit is looked up", async () => {
    const refused = await unitStep("repair", "letter");

    expect(JSON.parse(refused.body)).toEqual({ response_action: "errors", errors: { intake_channel: "“By letter” is not offered for Repair: choose By phone or At the counter." } });
  });

  it("a repair chosen under 'What is it' is still recorded as before and reaches maintenance", async () => {
    const details = await detailsStep("repair", "counter");
    expect(textOf(details.blocks)).toContain("*3-1202* · Repair · At the counter");

    const done = await h.submit(details, "UFRONT1", values({
      intake_new_name: text("陈先生"),
      intake_new_phone: text("+8613900000009"),
      intake_category: option("electrical"),
      intake_description: text("走廊插座冒火花"),
      intake_preferred_time: text("今天下午"),
    }));

    expect(textOf(JSON.parse(done.body).view.blocks)).toContain("Recorded as R-2026-000001");
    await h.deliver();
    expect(h.latest(MAINTENANCE_CHANNEL).text).toContain("R-2026-000001");
    expect(h.memory.snapshot().cases[0]).toMatchObject({ kind: "repair", details: { intakeChannel: "counter", category: "electrical" } });
  });

  it("staff outside the front desk are refused at the unit step, told who takes requests for owners", async () => {
    const refused = await unitStep("complaint", "letter", "UMAINT1");

    expect(JSON.parse(refused.body)).toEqual({
      response_action: "errors",
      errors: { intake_unit: "This is work for the front desk, and you are in Maintenance. Only the front desk can take a request for 3-1202." },
    });
    expect(h.memory.snapshot().cases).toEqual([]);
  });
});
