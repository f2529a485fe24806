import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonsOf, frontDeskChannel, Harness, staffChannel, textOf, translator } from "../support/e2e-harness.js";
import type { OwnerPhone } from "../support/e2e-harness.js";

const staffText = (key: string) => translator.t("en", key);

/** The owner onboards and complains about a gas smell; returns the number the bot gave them. */
async function complainOfGas(owner: OwnerPhone, phone: string): Promise<string> {
  await owner.say("/start");
  await owner.shareOwnContact(phone);
  return complain(owner, { subject: "facilities", description: "Gas smell in the stairwell since this morning", deadline: "none" });
}

/** An onboarded owner files a complaint through /complain; returns its number. */
async function complain(owner: OwnerPhone, input: { subject: string; description: string; deadline?: "none" | "d1" | "d3" | "d7" }): Promise<string> {
  const before = new Set(owner.texts().join("\n").match(/C-\d{4}-\d{6}/g) ?? []);
  await owner.say("/complain");
  await owner.press(owner.t(`common:complaint_subject.${input.subject}`));
  await owner.say(input.description);
  await owner.say("Today, building 5");
  await owner.press(owner.t("owner:complaint_form.skip"));
  await owner.say("Sort it out, please");
  await owner.press(owner.t(`owner:complaint_form.deadline.${input.deadline ?? "none"}`));
  await owner.press(owner.t("owner:report.photos_skip"));
  await owner.press(owner.t("owner:report.summary.submit"));
  const number = (owner.texts().join("\n").match(/C-\d{4}-\d{6}/g) ?? []).find((candidate) => !before.has(candidate));
  expect(number, owner.texts().join("\n")).toBeDefined();
  return number as string;
}

describe("a major complaint from Telegram to the manager, its clocks driven by tick --at", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
    await h.cli("import", "staff", h.csv("staff-with-manager.csv", [
      "slack_user_id,name,team,role",
      "UFRONT1,Lily Chen,frontdesk,member",
      "UFRONTL,Grace Wu,frontdesk,leader",
      "UMAINT1,Zhang Wei,maintenance,member",
      "UMAINTL,Zhao Lei,maintenance,leader",
      "UMANAGR,Liu Yang,manager,manager",
    ]));
  });
  afterEach(async () => {
    await h.stop();
  });

  it("unclassified an hour after reception alerts the front desk leader; Major reaches the manager; the day's end passes unacknowledged; the owner's Not resolved reopens it", async () => {
    // The harness's clock: Monday 30 November 2026, 10:00 in Shanghai.
    const owner = h.owner({ id: 5002, first_name: "Tom", language_code: "en" }, "en");
    const receptionist = h.staff("UFRONT1");
    const manager = h.staff("UMANAGR");
    const number = await complainOfGas(owner, "8613900000002");
    expect(number).toBe("C-2026-000001");

    // Alerts name the number too: the card is the message headed with it.
    const cardOf = `Complaint ${number}`;
    await h.until(() => expect(receptionist.card(frontDeskChannel, cardOf)).toBeDefined());
    const card = () => receptionist.card(frontDeskChannel, cardOf);
    expect(buttonsOf(card()).map((button) => button.text.text)).toEqual(expect.arrayContaining(["Major", "Service error", "Minor", "Invalid"]));
    expect(buttonsOf(card()).find((button) => button.text.text === "Major")).toMatchObject({ style: "primary" });

    // Classify within the hour of reception, or the front desk leader hears of it.
    await h.tickAt(new Date("2026-11-30T10:59:59+08:00"));
    await h.delivered();
    expect(h.slack.channel(frontDeskChannel).some((message) => message.text.startsWith("<@UFRONTL>"))).toBe(false);
    await h.tickAt(new Date("2026-11-30T11:00:00+08:00"));
    await h.until(() => expect(h.slack.channel(frontDeskChannel).some((message) => message.text.startsWith(`<@UFRONTL> ${number}: a complaint is still not classified`))).toBe(true));

    await receptionist.click(frontDeskChannel, cardOf, "Major");
    // The manager's channel gets the card and a mention at once.
    await h.until(() => expect(manager.card(staffChannel, cardOf)).toBeDefined());
    expect(h.slack.channel(staffChannel).some((message) => message.text.startsWith(`<@UMANAGR> ${number}: a major complaint.`))).toBe(true);
    expect(textOf(card())).toContain(staffText("staff:clocks.complaint_major_report"));

    // Not acknowledged by the end of the day of reception: the front desk leader is alerted, once.
    await h.tickAt(new Date("2026-11-30T23:59:59+08:00"));
    await h.delivered();
    const unacknowledged = () => h.slack.channel(frontDeskChannel).filter((message) => message.text.includes("has not acknowledged this major complaint"));
    expect(unacknowledged()).toHaveLength(0);
    await h.tickAt(new Date("2026-12-01T00:00:00+08:00"));
    await h.until(() => expect(unacknowledged()).toHaveLength(1));
    await h.tickAt(new Date("2026-12-01T00:30:00+08:00"));
    await h.delivered();
    expect(unacknowledged()).toHaveLength(1);
    await h.until(() => expect(textOf(card())).toContain(`${staffText("staff:clocks.complaint_major_report")} overdue since`));

    // The manager acknowledges from the copy in their channel; both cards lose the button.
    await manager.click(staffChannel, cardOf, "Acknowledge");
    await h.until(() => expect(buttonsOf(card()).map((button) => button.text.text)).not.toContain("Acknowledge"));

    // The resolution reaches the owner with its two buttons; Not resolved opens it again.
    await receptionist.click(frontDeskChannel, cardOf, "Resolve");
    await h.until(() => expect(h.slack.views().length).toBeGreaterThan(0));
    await receptionist.submitModal({ complaint_words: { type: "plain_text_input", value: "The gas company replaced the riser valve this morning." } });
    await h.until(() => expect(owner.texts().some((text) => text.includes("The gas company replaced the riser valve this morning."))).toBe(true));
    await owner.press(owner.t("owner:actions.verdict.not_resolved"));
    await h.until(() => expect(owner.texts().some((text) => text === owner.t("owner:complaint.reopened", { number }))).toBe(true));
    const complaint = await h.app.ctx.uow.transaction((store) => store.cases.findByNumber(number));
    expect(complaint?.status).toBe("open");
  }, 60_000);

  it("a service error is forwarded to the department head, whose hour runs from the reception; ongoing harm opens a linked repair at once", async () => {
    const owner = h.owner({ id: 5003, first_name: "Tom", language_code: "en" }, "en");
    const receptionist = h.staff("UFRONT1");
    const number = await complainOfGas(owner, "8613900000002");
    const cardOf = `Complaint ${number}`;
    await h.until(() => expect(receptionist.card(frontDeskChannel, cardOf)).toBeDefined());

    // Stop the harm first: the repair's dispatch card and its leader's mention reach maintenance.
    await receptionist.click(frontDeskChannel, cardOf, "Harm ongoing");
    await h.until(() => expect(h.slack.views().length).toBeGreaterThan(0));
    await receptionist.submitModal({ complaint_category: { type: "static_select", selected_option: { value: "safety" } }, complaint_harm: { type: "plain_text_input", value: "Gas smell in the stairwell: find the leak" } });
    await h.until(() => expect(h.staff("UMAINTL").card(staffChannel, "R-2026-000001")).toBeDefined());
    expect(h.slack.channel(staffChannel).some((message) => message.text === `<@UMAINTL> R-2026-000001: urgent repair for ongoing harm in complaint ${number}. Stop the harm first.`)).toBe(true);
    const repair = await h.app.ctx.uow.transaction((store) => store.cases.findByNumber("R-2026-000001"));
    const complaint = await h.app.ctx.uow.transaction((store) => store.cases.findByNumber(number));
    expect(repair?.linkedCaseId).toBe(complaint?.id);

    h.time.set(new Date("2026-11-30T10:20:00+08:00"));
    await receptionist.click(frontDeskChannel, cardOf, "Service error");
    await h.until(() => expect(h.slack.views().length).toBeGreaterThan(1));
    await receptionist.submitModal({ complaint_department: { type: "static_select", selected_option: { value: "maintenance" } } });
    await h.until(() => expect(h.slack.channel(staffChannel).some((message) => message.text.startsWith(`<@UMAINTL> ${number}: a service error complaint about your department.`))).toBe(true));

    const unacknowledged = () => h.slack.channel(staffChannel).filter((message) => message.text.startsWith(`<@UMANAGR> ${number}: the department head has not acknowledged`));
    await h.tickAt(new Date("2026-11-30T10:59:59+08:00"));
    await h.delivered();
    expect(unacknowledged()).toHaveLength(0);
    await h.tickAt(new Date("2026-11-30T11:00:00+08:00"));
    await h.until(() => expect(unacknowledged()).toHaveLength(1));
  }, 60_000);

  it("filed at 23:30: a major complaint's day ends at midnight, a minor one is due by the owner's own deadline a day later", async () => {
    const owner = h.owner({ id: 5004, first_name: "Tom", language_code: "en" }, "en");
    const receptionist = h.staff("UFRONT1");
    await owner.say("/start");
    await owner.shareOwnContact("8613900000002");
    h.time.set(new Date("2026-11-30T23:30:00+08:00"));
    const minor = await complain(owner, { subject: "noise", description: "Loud music from the flat above", deadline: "d1" });
    const major = await complain(owner, { subject: "facilities", description: "Gas smell in the lift lobby" });
    await h.until(() => expect(receptionist.card(frontDeskChannel, `Complaint ${major}`)).toBeDefined());
    h.time.set(new Date("2026-11-30T23:40:00+08:00"));
    await receptionist.click(frontDeskChannel, `Complaint ${minor}`, "Minor");
    await receptionist.click(frontDeskChannel, `Complaint ${major}`, "Major");
    await h.until(() => expect(h.slack.channel(staffChannel).some((message) => message.text.startsWith(`<@UMANAGR> ${major}: a major complaint.`))).toBe(true));

    const alerts = (needle: string) => h.slack.channel(frontDeskChannel).filter((message) => message.text.startsWith("<@UFRONTL>") && message.text.includes(needle));
    await h.tickAt(new Date("2026-11-30T23:59:59+08:00"));
    await h.delivered();
    expect(alerts(major)).toHaveLength(0);
    await h.tickAt(new Date("2026-12-01T00:00:00+08:00"));
    await h.until(() => expect(alerts(`${major}: the manager has not acknowledged`)).toHaveLength(1));

    // The owner's "in 1 day" counts from the reception at 23:30, not from the classification.
    await h.tickAt(new Date("2026-12-01T23:29:59+08:00"));
    await h.delivered();
    expect(alerts(`${minor}: the complaint is not resolved`)).toHaveLength(0);
    await h.tickAt(new Date("2026-12-01T23:30:00+08:00"));
    await h.until(() => expect(alerts(`${minor}: the complaint is not resolved`)).toHaveLength(1));
  }, 60_000);
});
