import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buttonsOf, frontDeskChannel, Harness, staffChannel, textOf, translator } from "../support/e2e-harness.js";
import type { OwnerPhone } from "../support/e2e-harness.js";

const staffText = (key: string) => translator.t("en", key);

/** The owner onboards and complains about a gas smell; returns the number the bot gave them. */
async function complainOfGas(owner: OwnerPhone, phone: string): Promise<string> {
  await owner.say("/start");
  await owner.shareOwnContact(phone);
  await owner.say("/complain");
  await owner.press(owner.t("common:complaint_subject.facilities"));
  await owner.say("Gas smell in the stairwell since this morning");
  await owner.say("Today from 8:00, stairwell of building 5");
  await owner.press(owner.t("owner:complaint_form.skip"));
  await owner.say("Send someone to check it now");
  await owner.press(owner.t("owner:complaint_form.deadline.none"));
  await owner.press(owner.t("owner:report.photos_skip"));
  await owner.press(owner.t("owner:report.summary.submit"));
  const number = /C-\d{4}-\d{6}/.exec(owner.texts().join("\n"))?.[0];
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
});
