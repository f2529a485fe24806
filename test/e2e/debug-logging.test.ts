import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Harness, buttonsOf, frontDeskChannel } from "../support/e2e-harness.js";
import { dispatchAndFinish, staffLabel } from "../support/e2e-steps.js";

const day = 24 * 3_600_000;

/** What must never reach a log line, at any level: personal data, message text, secrets, raw updates. */
const forbidden = [
  "13800000001", "13900000002", "138****0001", "79000000000", "Olga",
  "王芳", "Tom Baker", "Baker", "Zhang Wei", "Lily Chen",
  "Kitchen tap drips", "drips", "Tomorrow 9-11am",
  "123456:e2e-token", "e2e-token", "xoxb-e2e", "e2e-signing-secret", "e2e-webhook-secret",
  '"first_name"', '"from":', '"chat":', '"callback_query":', '"message":{', "photo-file",
  // A complaint's words, the owner's and staff's.
  "Neighbour's dog", "barks", "Every night, flat 0802", "Ask them to keep it inside", "We visited the neighbour",
];

describe("logging at LOG_LEVEL=debug", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ logLevel: "debug" });
  });
  afterEach(async () => {
    await h.stop();
  });

  it("a full repair, /mine, /language, a stray message and a front-desk verification log update types, case numbers, actions and durations, and no phone, name, text, token or raw update", async () => {
    const owner = h.owner({ id: 5002, first_name: "Tom", last_name: "Baker", language_code: "en" }, "en");
    const tech = h.staff("UMAINT1");
    const receptionist = h.staff("UFRONT1");

    await owner.say("/start");
    await owner.shareOwnContact("8613900000002");
    await owner.say("/repair");
    await owner.press(owner.t("common:category.plumbing"));
    await owner.say("Kitchen tap drips");
    await owner.press(owner.t("owner:report.photos_skip"));
    await owner.press((text) => text.startsWith("🏠"));
    await owner.say("Tomorrow 9-11am");
    await owner.press(owner.t("owner:report.summary.submit"));
    const number = /R-\d{4}-\d{6}/.exec(owner.texts().join("\n"))?.[0] as string;
    expect(number).toBeDefined();

    await dispatchAndFinish(h, owner, tech, number, [["MT-TAP", "1"]]);
    await owner.press(owner.t("owner:actions.fixed.yes"));
    // The prompt goes out a day after completion, inside the window (at its end the leader is alerted too).
    await h.tickAt(new Date(Date.parse("2026-12-01T03:00:00Z") + day));
    // The callback card waits in the front desk's channel from completion; it gets its buttons when prompted.
    // The tick also draws the month's report with its chart: on a loaded machine that outlasts h.until.
    await vi.waitFor(async () => {
      await h.delivered();
      expect(buttonsOf(receptionist.card(frontDeskChannel, number)).map((b) => b.text.text)).toContain(staffLabel("satisfied"));
    }, { timeout: 60_000, interval: 100 });
    await receptionist.click(frontDeskChannel, number, staffLabel("satisfied"));
    await h.until(() => expect(owner.lastText()).toBe(owner.t("owner:repair.closed", { number })));
    await owner.say("/mine");
    await owner.say("/language");
    await owner.say("just some words");

    // An owner whose phone is not in the register, approved by the front desk from a card.
    const newcomer = h.owner({ id: 5003, first_name: "Olga", language_code: "en" }, "en");
    await newcomer.say("/start");
    await newcomer.shareOwnContact("+79000000000");
    await newcomer.say("5");
    await newcomer.say("0801");
    await h.until(() => expect(receptionist.card(frontDeskChannel, "0801")).toBeDefined());
    await receptionist.click(frontDeskChannel, "0801", staffLabel("approve"));
    await h.until(() => expect(newcomer.texts().join("\n")).toContain("The front desk has confirmed you"));
    await h.delivered();

    const logs = h.logs();
    const debug = logs.filter((line) => line.level === 20);
    const all = h.logLines.join("\n");
    for (const needle of forbidden) expect(all, `a log line holds ${needle}`).not.toContain(needle);
    expect(debug.filter((line) => line.msg === "owner update handled").map((line) => line.updateType)).toEqual(expect.arrayContaining(["message", "callback_query"]));
    expect(debug).toContainEqual(expect.objectContaining({ msg: "owner update handled", updateType: "message", durationMs: expect.any(Number) }));
    expect(debug).toContainEqual(expect.objectContaining({ msg: "staff action handled", actionId: "ticket.claim", caseNumber: number, durationMs: expect.any(Number) }));
    expect(debug).toContainEqual(expect.objectContaining({ msg: "staff action handled", callbackId: expect.any(String), caseId: expect.any(String), durationMs: expect.any(Number) }));
    expect(debug).toContainEqual(expect.objectContaining({ msg: "outbox message delivered", channel: "telegram", caseNumber: number, durationMs: expect.any(Number) }));
    expect(debug).toContainEqual(expect.objectContaining({ msg: "outbox message delivered", channel: "slack", type: "staff.case-card", caseId: expect.any(String) }));
    expect(debug).toContainEqual(expect.objectContaining({ msg: "staff action handled", actionId: "verification.approve", durationMs: expect.any(Number) }));
  }, 120_000);

  it("a complaint filed, classified, answered and resolved logs its number and actions, and none of the owner's or staff's words", async () => {
    const owner = h.owner({ id: 5004, first_name: "Tom", last_name: "Baker", language_code: "en" }, "en");
    const receptionist = h.staff("UFRONT1");
    await owner.say("/start");
    await owner.shareOwnContact("8613900000002");
    await owner.say("/complain");
    await owner.press(owner.t("common:complaint_subject.neighbours"));
    await owner.say("Neighbour's dog barks all night");
    await owner.say("Every night, flat 0802");
    await owner.press(owner.t("owner:complaint_form.skip"));
    await owner.say("Ask them to keep it inside");
    await owner.press(owner.t("owner:complaint_form.deadline.d3"));
    await owner.press(owner.t("owner:report.photos_skip"));
    await owner.press(owner.t("owner:report.summary.submit"));
    const number = /C-\d{4}-\d{6}/.exec(owner.texts().join("\n"))?.[0] as string;
    expect(number).toBeDefined();
    const cardOf = `Complaint ${number}`;
    await h.until(() => expect(receptionist.card(frontDeskChannel, cardOf)).toBeDefined());
    await receptionist.click(frontDeskChannel, cardOf, "Minor");
    await h.until(() => expect(buttonsOf(receptionist.card(frontDeskChannel, cardOf)).map((b) => b.text.text)).toContain("Resolve"));
    await receptionist.click(frontDeskChannel, cardOf, "Resolve");
    await h.until(() => expect(h.slack.views().length).toBeGreaterThan(0));
    await receptionist.submitModal({ complaint_words: { type: "plain_text_input", value: "We visited the neighbour; the dog sleeps inside now." } });
    await h.until(() => expect(owner.texts().some((text) => text.includes("We visited the neighbour"))).toBe(true));
    await owner.press(owner.t("owner:actions.verdict.resolved"));
    await h.delivered();

    const all = h.logLines.join("\n");
    for (const needle of forbidden) expect(all, `a log line holds ${needle}`).not.toContain(needle);
    const debug = h.logs().filter((line) => line.level === 20);
    expect(debug).toContainEqual(expect.objectContaining({ msg: "staff action handled", actionId: "complaint.classify_minor", caseNumber: number, durationMs: expect.any(Number) }));
    expect(debug).toContainEqual(expect.objectContaining({ msg: "outbox message delivered", channel: "telegram", caseNumber: number }));
  }, 60_000);
});
