import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Harness, frontDeskChannel, staffChannel, textOf, buttonsOf, translator } from "../support/e2e-harness.js";
import type { OwnerPhone } from "../support/e2e-harness.js";
import { dispatchAndFinish, staffLabel } from "../support/e2e-steps.js";

const day = 24 * 3_600_000;

async function historyOf(h: Harness, number: string) {
  return h.app.ctx.uow.transaction(async (store) => {
    const ticket = await store.cases.findByNumber(number);
    return { ticket, events: ticket ? await store.cases.listEvents(ticket.id) : [] };
  });
}

/** The owner onboards and reports; returns the ticket number the bot gave them. */
async function reportRepair(owner: OwnerPhone, phone: string, category: string, description: string, beforeSubmit?: () => Promise<void>): Promise<string> {
  await owner.say("/start");
  await owner.shareOwnContact(phone);
  expect(owner.texts()).toContain(owner.t("owner:verify.verified"));
  await owner.say("/repair");
  await owner.press(owner.t(`common:category.${category}`));
  await owner.say(description);
  await owner.sendPhoto("photo-file-1");
  await owner.sendPhoto("photo-file-2");
  await owner.press(owner.t("owner:report.photos_done"));
  await beforeSubmit?.();
  await owner.press((text) => text.startsWith("🏠"));
  await owner.say(owner.locale === "en" ? "Tomorrow 9-11am" : "明天上午九点到十一点");
  await owner.press(owner.t("owner:report.summary.submit"));
  const number = /R-\d{4}-\d{6}/.exec(owner.texts().join("\n"))?.[0];
  expect(number, owner.texts().join("\n")).toBeDefined();
  return number as string;
}

describe("the repair loop from Telegram to Slack and back", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start();
  });
  afterEach(async () => {
    await h.stop();
  });

  it("the owner's photos are downloaded from Telegram and posted in the card's thread, never as a Telegram file URL", async () => {
    const owner = h.owner({ id: 5003, first_name: "Fang", language_code: "en" }, "en");
    h.telegram.setFileContent("photo-file-1", "first photo bytes");
    h.telegram.setFileContent("photo-file-2", "second photo bytes");

    const number = await reportRepair(owner, "8613800000001", "plumbing", "Kitchen tap drips all night");
    await h.until(() => expect(h.slack.callsOf("files.completeUploadExternal")).toHaveLength(1));

    const card = h.staff("UMAINT1").card(staffChannel, number);
    const thread = h.slack.channel(staffChannel).filter((message) => message.thread_ts === card.ts);
    expect(thread.flatMap((message) => message.files ?? []).map((file) => file.title)).toEqual([`${number} · 1/2`, `${number} · 2/2`]);
    const uploaded = thread.flatMap((message) => message.files ?? []).map((file) => h.slack.uploadedFile(file.id)?.bytes?.toString());
    expect(uploaded).toEqual(["first photo bytes", "second photo bytes"]);
    expect(JSON.stringify(h.slack.calls)).not.toContain("e2e-token");
    expect(JSON.stringify(h.slack.calls)).not.toContain("/file/bot");
  });

  it("a water leak: reported in Chinese, dispatched in Slack, leak-tested, its callback prompted the day after the leak test, closed", async () => {
    const owner = h.owner({ id: 5001, first_name: "芳", language_code: "zh-hans" }, "zh-CN");
    const tech = h.staff("UMAINT1");
    const receptionist = h.staff("UFRONT1");

    const number = await reportRepair(owner, "8613800000001", "water_leak", "卫生间天花板漏水，已经两天了");
    expect(number).toBe("R-2026-000001");
    await h.until(() => expect(tech.card(staffChannel, number)).toBeDefined());
    const card = textOf(tech.card(staffChannel, number));
    expect(card).toContain(JSON.stringify(`*${translator.t("en", "staff:card.photos")}*\n2`).slice(1, -1));
    expect(card).toContain("+86 138****0001");
    expect(card).not.toContain("13800000001");

    // A stranger's click is explained privately and changes nothing.
    await h.staff("USTRANGER").click(staffChannel, number, staffLabel("claim"));
    await h.until(() => expect(h.slack.ephemerals(staffChannel).some((e) => e.user === "USTRANGER")).toBe(true));
    expect((await historyOf(h, number)).ticket?.status).toBe("new");

    await dispatchAndFinish(h, owner, tech, number);
    await owner.press(owner.t("owner:actions.fixed.yes"));
    expect((await historyOf(h, number)).ticket?.status).toBe("leak_test_pending");

    h.time.set("2026-12-01T05:00:00Z");
    await tech.click(staffChannel, number, staffLabel("leak_test_passed"));
    await h.until(() => expect(owner.lastText()).toBe(owner.t("owner:repair.leak_test_passed", { number })));

    const early = await h.tickAt(new Date(Date.parse("2026-12-01T05:00:00Z") + day - 60_000));
    expect(early).not.toContain("callback_prompted");
    const due = await h.tickAt(new Date(Date.parse("2026-12-01T05:00:00Z") + day));
    expect(due).toContain(`${number}  callback_prompted`);
    await h.until(() => expect(receptionist.card(frontDeskChannel, number)).toBeDefined());
    const prompt = textOf(receptionist.card(frontDeskChannel, number));
    expect(prompt).toContain(translator.t("en", "staff:card.fixed_yes"));

    await receptionist.click(frontDeskChannel, number, staffLabel("satisfied"));
    await h.until(() => expect((owner.lastText())).toBe(owner.t("owner:repair.closed", { number })));

    const { ticket, events } = await historyOf(h, number);
    expect(ticket?.status).toBe("closed");
    expect(events.map((e) => e.type)).toEqual([
      "reported",
      "claim",
      "propose_time",
      "time_confirmed",
      "start",
      "completed",
      "owner_answered_fixed",
      "leak_test_passed",
      "callback_prompted",
      "callback_recorded",
    ]);
    const owned = owner.texts().join("\n");
    for (const key of ["received", "assigned", "time_proposed", "started", "done"]) {
      expect(owned).toContain(owner.t(`owner:repair.${key}`, { number }).slice(0, 6));
    }
  });

  it("an ordinary paid repair in English survives a restart mid-report, its callback is prompted the day after completion, and Satisfied brings its receipt", async () => {
    const owner = h.owner({ id: 5002, first_name: "Tom", language_code: "en" }, "en");
    const tech = h.staff("UMAINT1");
    const receptionist = h.staff("UFRONT1");

    const number = await reportRepair(owner, "+8613900000002", "plumbing", "Kitchen tap drips all night", () => h.restart());
    expect(owner.texts().join("\n")).toContain(owner.t("owner:report.summary.paid_notice"));

    await dispatchAndFinish(h, owner, tech, number, [["MT-TAP", "1"], ["MT-ANGLE-VALVE", "2"]]);
    expect(owner.lastText()).toContain("Replace a tap × 1: ¥30.00\nReplace an angle valve × 2: ¥50.00\nTotal: ¥80.00");
    const completedAt = Date.parse("2026-12-01T03:00:00Z");
    expect(await h.tickAt(new Date(completedAt + day - 60_000))).not.toContain("callback_prompted");
    expect(await h.tickAt(new Date(completedAt + day))).toContain(`${number}  callback_prompted`);
    await h.until(() => expect(buttonsOf(receptionist.card(frontDeskChannel, number)).length).toBe(4));

    await receptionist.click(frontDeskChannel, number, staffLabel("satisfied"));
    await h.until(() => expect((owner.lastText())).toBe(owner.t("owner:repair.closed", { number })));
    expect((await historyOf(h, number)).ticket?.status).toBe("closed");
    // The owner never answered Fixed?: the front desk's Satisfied was the acceptance.
    expect(owner.texts().find((text) => text.startsWith("Receipt RC-2026-000001"))).toContain(`for ${number}`);
    expect(owner.texts().find((text) => text.startsWith("Receipt RC-2026-000001"))).toContain("Total: ¥80.00");
  });
});
