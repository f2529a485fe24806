import type { ViewOutput, ViewStateValue } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { modalInputs } from "../../src/adapters/slack/interaction-values.js";
import { globalShortcutPayload, postToBolt, viewSubmissionPayload } from "../../src/testing/slack-payloads.js";
import { buttonsOf, frontDeskChannel, Harness, staffChannel } from "../support/e2e-harness.js";
import { staffLabel } from "../support/e2e-steps.js";
import { bookService, cleaningChannel, hasButton, onboard, proposeAndConfirm, serviceEnv, startAndFinish, withServiceTeams } from "../support/service-steps.js";

const day = 24 * 3_600_000;
const signingSecret = "e2e-signing-secret";

/**
 * What the log may carry: case numbers (R-, C-, S-, F-), kinds, actions, statuses, the actor's
 * team and role, message keys, update and job types, counts, ids and durations. What it never
 * carries, at any level: a phone in any form (international, without its plus, local, masked as
 * on the cards), an ID number, a name, what an owner or staff member wrote, a token or secret, a
 * unit's address, an amount of money, a receipt or demand letter number (each ties a sum to a
 * household).
 */
const personal = [
  // Phones of the register, of an owner typed at the desk and of a newcomer, in every form.
  "+8613800000001", "8613800000001", "13800000001", "138****0001",
  "+8613900000002", "8613900000002", "13900000002", "139****0002",
  "+8613700000007", "8613700000007", "13700000007", "137****0007",
  // Names: owners, a caller the front desk typed, staff.
  "王芳", "Tom Baker", "Baker", "陈先生", "Zhang Wei", "Lily Chen", "Grace Wu", "Sun Mei", "Zhou Jing",
  // An ID number an owner typed into a complaint.
  "110101199003071234",
  // Tokens and secrets.
  "123456:e2e-token", "e2e-token", "xoxb-e2e", "e2e-signing-secret", "e2e-webhook-secret",
  // Raw updates.
  '"first_name"', '"from":', '"chat":', '"callback_query":', '"message":{',
  // Money and receipts.
  "¥", "350.00", "45.50", "35000", "RC-2026-", "DL-20",
  // Addresses.
  "5-0801", "3-1202",
];

function expectNothingPersonal(lines: readonly string[], words: readonly string[]): void {
  const all = lines.join("\n");
  for (const needle of [...personal, ...words]) expect(all, `a log line holds ${needle}`).not.toContain(needle);
}

type Values = Record<string, Record<string, ViewStateValue>>;
const typed = (id: string, value: string): Values => ({ [id]: { [id]: { type: "plain_text_input", value } } });
const chosen = (id: string, value: string | null): Values => ({ [id]: { [id]: { type: "static_select", selected_option: value === null ? null : { text: { type: "plain_text", text: value }, value } } } });

/** The front desk's New request (global shortcut `new_request`) through its two steps; returns the closing modal's text. */
async function frontDeskRequest(h: Harness, kind: string, fields: Values): Promise<string> {
  const views = h.slack.views().length;
  await postToBolt(`${h.url}/slack/events`, signingSecret, globalShortcutPayload({ user: "UFRONT1", callbackId: "new_request" }));
  await h.until(() => expect(h.slack.views().length).toBeGreaterThan(views));
  const form = h.slack.views().at(-1) as ViewOutput;
  const unitStep = await postToBolt(`${h.url}/slack/events`, signingSecret, viewSubmissionPayload({ user: "UFRONT1", view: form, values: { ...chosen("intake_kind", kind), ...chosen("intake_channel", "phone"), ...typed("intake_building", "3"), ...typed("intake_unit", "1202") } }));
  const details = (JSON.parse(unitStep.body) as { view: ViewOutput }).view;
  const caller = { ...chosen("intake_caller", null), ...typed("intake_new_name", "陈先生"), ...typed("intake_new_phone", "+8613700000007") };
  const done = await postToBolt(`${h.url}/slack/events`, signingSecret, viewSubmissionPayload({ user: "UFRONT1", view: details, values: { ...caller, ...fields } }));
  const body = JSON.parse(done.body) as { view?: { blocks: { text?: { text: string } }[] }; errors?: unknown };
  expect(body.errors, JSON.stringify(body)).toBeUndefined();
  return body.view?.blocks[0]?.text?.text ?? "";
}

describe("logging at LOG_LEVEL=debug, every flow", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ logLevel: "debug", env: serviceEnv });
    await withServiceTeams(h);
  });
  afterEach(async () => {
    await h.stop();
  });

  it("a service order booked with special requests, a time proposed and confirmed, accepted and receipted logs its number and steps, and no words, amount or receipt", async () => {
    const owner = h.owner({ id: 5102, first_name: "Tom", last_name: "Baker", language_code: "en" }, "en");
    const leader = h.staff("UCLEANL");
    const cleaner = h.staff("UCLEAN1");
    await onboard(owner, "+8613900000002");
    const number = await bookService(owner, { team: "cleaning", serviceType: "cleaning_hourly", quantity: owner.t("owner:services.hours_value", { value: "3", count: 3 }), requests: "Mind the oak floor, call 13900000002 first", preferredTime: "Wednesday after lunch" });
    const card = `${number} · `;
    await h.until(() => expect(leader.card(cleaningChannel, card)).toBeDefined());
    await cleaner.click(cleaningChannel, card, staffLabel("claim"));
    await proposeAndConfirm(h, owner, leader, cleaningChannel, card, { date: "2026-12-03", time: "14:00" });
    await startAndFinish(h, owner, cleaner, cleaningChannel, card, "2026-12-03T14:00:00+08:00", "2026-12-03T17:00:00+08:00");
    await owner.press(owner.t("owner:service.actions.work.accept"));
    await h.until(() => expect(owner.texts().some((text) => text.startsWith("Receipt RC-2026-"))).toBe(true));
    await owner.say("/mine");
    await h.delivered();

    expectNothingPersonal(h.logLines, ["Mind the oak floor", "oak floor", "Wednesday after lunch", "150.00"]);
    const debug = h.logs().filter((line) => line.level === 20);
    expect(debug).toContainEqual(expect.objectContaining({ msg: "staff action handled", caseNumber: number }));
    expect(h.logs()).toContainEqual(expect.objectContaining({ msg: "case event", case: number, kind: "service" }));
  }, 120_000);

  it("fees imported, reminded, disputed in the owner's words, shown by /fees, paid against a receipt and reminded again log no amount, receipt or words", async () => {
    const owner = h.owner({ id: 5103, first_name: "Tom", last_name: "Baker", language_code: "en" }, "en");
    await onboard(owner, "+8613900000002");
    const printed: string[] = [];
    printed.push(await h.cli("import", "fees", h.csv("fees.csv", [
      "building,unit,fee_type,period,amount,due_date",
      "5,0801,property,2026-11,350.00,2026-12-01",
      "5,0801,elevator,2026-11,45.50,2026-12-01",
      "5,0801,lighting,2026-10,20.00,2026-11-01",
    ])));
    // The daily run at 10:00 on the due date: the due and the overdue charges, in one reminder.
    printed.push(await h.tickAt(new Date("2026-12-01T10:00:00+08:00")));
    const dispute = owner.t("owner:fee.actions.dispute");
    await h.until(() => expect(hasButton(owner, dispute)).toBe(true));
    await owner.press(dispute);
    await owner.say("The lift never worked in November; my ID is 110101199003071234");
    await h.until(() => expect(owner.texts().join("\n")).toMatch(/complaint C-2026-\d{6}/));
    await owner.say("/fees");
    printed.push(await h.cli("import", "payments", h.csv("payments.csv", [
      "building,unit,fee_type,period,amount,paid_at,receipt_number",
      "5,0801,property,2026-11,350.00,2026-12-02,",
    ])));
    await h.until(() => expect(owner.texts().some((text) => text.startsWith("Receipt RC-2026-"))).toBe(true));
    // A week later the overdue lighting charge is reminded again, with its reason buttons.
    printed.push(await h.tickAt(new Date("2026-12-08T10:00:00+08:00")));
    await h.delivered();

    expectNothingPersonal(h.logLines, ["The lift never worked", "never worked", "20.00", "395.50"]);
    expectNothingPersonal(printed, ["The lift never worked", "王芳", "Tom Baker"]);
    expect(h.logs()).toContainEqual(expect.objectContaining({ msg: "case event", kind: "fee" }));
    expect(h.logs().filter((line) => line.level === 20)).toContainEqual(expect.objectContaining({ msg: "outbox message delivered", channel: "telegram" }));
  }, 120_000);

  it("the front desk's New request of each kind with the caller's name and phone typed, and Show number on a callback card, log neither name nor phone nor the words", async () => {
    const receptionist = h.staff("UFRONT1");
    const repair = await frontDeskRequest(h, "repair", { ...chosen("intake_category", "plumbing"), ...typed("intake_description", "Bathroom pipe burst, call 13700000007"), ...typed("intake_preferred_time", "Right after work") });
    const complaint = await frontDeskRequest(h, "complaint", {
      ...chosen("intake_complaint_subject", "noise"),
      ...typed("intake_complaint_description", "Drilling upstairs after midnight"),
      ...typed("intake_complaint_when_where", "Every night, flat 4-1302"),
      ...typed("intake_complaint_about", ""),
      ...typed("intake_complaint_request", "Make them stop the drilling"),
      intake_complaint_deadline: { intake_complaint_deadline: { type: "datepicker", selected_date: null } },
    });
    const service = await frontDeskRequest(h, "service", {
      ...chosen("intake_service_item", "cleaning_whole_flat:CL-WHOLE-FLAT"),
      ...typed("intake_service_area", ""),
      ...typed("intake_service_hours", ""),
      ...typed("intake_service_requests", "Bring the tall ladder"),
      ...typed("intake_service_preferred_time", "Saturday at nine"),
    });
    for (const recorded of [repair, complaint, service]) expect(recorded).toMatch(/Recorded as [RCS]-2026-\d{6}/);

    // The repair taken by phone runs to its callback; the receptionist asks for the number to dial.
    const number = /R-2026-\d{6}/.exec(repair)?.[0] as string;
    const tech = h.staff("UMAINT1");
    await h.until(() => expect(tech.card(staffChannel, number)).toBeDefined());
    await tech.click(staffChannel, number, staffLabel("claim"));
    await h.until(() => expect(buttonsOf(tech.card(staffChannel, number)).map((b) => b.text.text)).toContain(staffLabel("schedule")));
    const modals = h.slack.views().length;
    await tech.click(staffChannel, number, staffLabel("schedule"));
    await h.until(() => expect(h.slack.views().length).toBeGreaterThan(modals));
    await tech.submitModal({ [modalInputs.date]: { type: "datepicker", selected_date: "2026-12-01" }, [modalInputs.time]: { type: "timepicker", selected_time: "09:30" } });
    await h.until(() => expect(buttonsOf(tech.card(staffChannel, number)).map((b) => b.text.text)).toContain(staffLabel("confirm_by_phone")));
    await receptionist.click(staffChannel, number, staffLabel("confirm_by_phone"));
    h.time.set("2026-12-01T01:30:00Z");
    await h.until(() => expect(buttonsOf(tech.card(staffChannel, number)).map((b) => b.text.text)).toContain(staffLabel("start")));
    await tech.click(staffChannel, number, staffLabel("start"));
    await h.until(() => expect(buttonsOf(tech.card(staffChannel, number)).map((b) => b.text.text)).toContain(staffLabel("done")));
    await tech.click(staffChannel, number, staffLabel("done"));
    // Bolt answers before the listener is done: the callback card shows the completion was recorded.
    await h.until(() => expect(receptionist.card(frontDeskChannel, number)).toBeDefined());
    await h.tickAt(new Date(Date.parse("2026-12-01T03:00:00Z") + day));
    // The tick also draws the month's report with its chart: on a loaded machine that takes a while.
    await vi.waitFor(async () => {
      await h.delivered();
      expect(buttonsOf(receptionist.card(frontDeskChannel, number)).map((b) => b.text.text)).toContain(staffLabel("show_number"));
    }, { timeout: 60_000, interval: 100 });
    await receptionist.click(frontDeskChannel, number, staffLabel("show_number"));
    await h.until(() => expect(h.slack.ephemerals(frontDeskChannel).map((e) => e.text).join("\n")).toContain("+8613700000007"));
    // The listener logs once it is done, a moment after the ephemeral is posted.
    await h.until(() => expect(h.logs()).toContainEqual(expect.objectContaining({ msg: "staff action handled", actionId: "callback.show_number" })));

    expectNothingPersonal(h.logLines, ["Bathroom pipe burst", "Right after work", "Drilling upstairs", "flat 4-1302", "Make them stop", "Bring the tall ladder", "Saturday at nine"]);
    const debug = h.logs().filter((line) => line.level === 20);
    expect(debug).toContainEqual(expect.objectContaining({ msg: "staff action handled", callbackId: expect.any(String) }));
    expect(h.logs()).toContainEqual(expect.objectContaining({ msg: "case event", case: number, action: "reported", actor: "frontdesk member" }));
  }, 120_000);

  it("an owner verified by an address the register lacks, passed to the front desk, whose Approve waits for the flat, logs neither the address nor the phone", async () => {
    const newcomer = h.owner({ id: 5104, first_name: "Olga", language_code: "en" }, "en");
    const receptionist = h.staff("UFRONT1");
    await newcomer.say("/start");
    await newcomer.shareOwnContact("+8613700000007");
    await newcomer.say("Rose 9");
    await newcomer.say("0909");
    await newcomer.press(newcomer.t("owner:verify.front_desk_button"));
    await h.until(() => expect(receptionist.card(frontDeskChannel, "0909")).toBeDefined());
    await receptionist.click(frontDeskChannel, "0909", staffLabel("approve"));
    await h.delivered();

    expectNothingPersonal(h.logLines, ["Rose 9", "0909", "Olga"]);
    expect(h.logs()).toContainEqual(expect.objectContaining({ msg: "owner phone not in registry; asking for the unit" }));
  }, 120_000);
});
