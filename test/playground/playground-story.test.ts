import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoChannels } from "../../src/playground/demo-data.js";
import { PlaygroundDriver, buttons, translator, type PlayedOwner } from "../support/playground-driver.js";

const staffLabel = (key: string) => translator.t("en", `staff:buttons.${key}`);
const maintenance = demoChannels.maintenance.id;
const frontdesk = demoChannels.frontdesk.id;
const onePixelPng = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

async function ticketStatus(d: PlaygroundDriver, number: string): Promise<string | undefined> {
  return d.running.app.ctx.uow.transaction(async (store) => (await store.cases.findByNumber(number))?.status);
}

/** Onboards the owner and reports a plumbing repair through the page's API; returns the number. */
async function reportThroughThePhone(owner: PlayedOwner): Promise<string> {
  await owner.say("/start");
  await owner.key(owner.t("owner:start.share_contact"));
  await owner.sees((text) => text === owner.t("owner:verify.verified"));
  await owner.key(owner.t("owner:menu.repair"));
  await owner.press(owner.t("common:category.plumbing"));
  await owner.sees((text) => text === owner.t("owner:report.ask_description"));
  await owner.say("Kitchen tap drips all night");
  await owner.sees((text) => text.startsWith(owner.t("owner:report.ask_photos", { max: 10 }).slice(0, 12)));
  await owner.photo("image/png", onePixelPng);
  await owner.sees((text) => text === owner.t("owner:report.photo_received", { count: 1 }));
  await owner.press(owner.t("owner:report.photos_done"));
  await owner.press((text) => text.startsWith("🏠"));
  await owner.press((text) => text.startsWith(owner.t("owner:report.slots.tomorrow_am")));
  await owner.press(owner.t("owner:report.summary.submit"));
  const texts = await owner.sees((text) => /R-\d{4}-\d{6}/.test(text));
  return /R-\d{4}-\d{6}/.exec(texts.join("\n"))?.[0] as string;
}

describe("the playground drives the real product through the fakes", () => {
  let d: PlaygroundDriver;
  beforeAll(async () => {
    d = await PlaygroundDriver.start();
  });
  afterAll(async () => {
    await d.stop();
  });

  it("a repair from the owner's phone to the callback: page clicks become signed Bolt requests, the clock runs due work", async () => {
    const owner = d.owner(710_002, "en");
    const tech = d.staff("U0MT01");
    const receptionist = d.staff("U0FD01");

    const number = await reportThroughThePhone(owner);
    const screen = await owner.screen();
    expect(screen.bubbles.find((b) => b.from === "owner" && b.photoUrl)?.photoUrl).toMatch(/^\/playground\/api\/photos\//);
    expect(screen.bubbles.find((b) => b.from === "owner" && b.contact)?.contact?.phone).toBe("+8613900000002");
    const photo = await fetch(`${d.url}${screen.bubbles.find((b) => b.photoUrl)?.photoUrl}`);
    expect(Buffer.from(await photo.arrayBuffer())).toEqual(onePixelPng);

    await tech.click(maintenance, number, staffLabel("claim"));
    await tech.card(maintenance, number, (post) => JSON.stringify(post.blocks).includes("Zhang Wei"));
    expect(await ticketStatus(d, number)).toBe("assigned");

    await tech.click(maintenance, number, staffLabel("schedule"));
    const modal = await tech.modal();
    expect(modal.blocks.map((block) => (block as { type: string }).type)).toContain("input");
    expect(await tech.submit({ date: null, time: "09:30" })).toEqual({ ok: false, errors: { date: "Please complete this required field." } });
    const tomorrow = new Date(d.running.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    expect(await tech.submit({ date: tomorrow, time: "09:30" })).toEqual({ ok: true });
    expect((await d.get<{ modal: unknown }>(`/playground/api/modal?as=U0MT01`)).modal).toBeNull();

    await owner.press(owner.t("owner:actions.appointment.confirm"));
    await tech.click(maintenance, number, staffLabel("start"));
    // Tom Baker's flat is long out of warranty: Done asks for the items done, from the sample standard.
    await tech.click(maintenance, number, staffLabel("done"));
    expect(await tech.submit({ charge_item_1: "MT-TAP", charge_quantity_1: "1" })).toEqual({ ok: true });
    await owner.sees((text) => text.includes("Replace a tap × 1: ¥30.00\nTotal: ¥30.00"));
    await owner.press(owner.t("owner:actions.fixed.yes"));
    await owner.sees((text) => text.startsWith("Receipt RC-") && text.includes(`for ${number}`));
    await d.until(async () => expect(await ticketStatus(d, number)).toBe("awaiting_callback"));

    // The prompt comes a day after completion at the earliest, later when that falls outside working hours.
    // (The property's own daily work, such as the fee reminder run at 10:00, may run meanwhile: it names no case.)
    const early = await d.post<{ reports: { ticketNumber: string | null; outcome: string }[] }>("/playground/api/clock", { by: { hours: 20 } });
    expect(early.body.reports.filter((report) => report.ticketNumber === number && report.outcome !== "skipped")).toEqual([]);
    const due = await d.post<{ reports: { ticketNumber: string; outcome: string }[]; now: string; offsetMs: number }>("/playground/api/clock", { by: { days: 1, hours: 5 } });
    expect(due.status).toBe(200);
    expect(due.body.reports).toContainEqual(expect.objectContaining({ ticketNumber: number, outcome: "callback_prompted" }));
    expect(due.body.offsetMs).toBeGreaterThanOrEqual(49 * 3_600_000);

    await receptionist.click(frontdesk, number, staffLabel("satisfied"));
    await owner.sees((text) => text === owner.t("owner:repair.closed", { number }));
    expect(await ticketStatus(d, number)).toBe("closed");
    const events = await d.running.app.ctx.uow.transaction(async (store) => store.cases.listEvents((await store.cases.findByNumber(number))?.id ?? ""));
    expect(events.find((event) => event.type === "claim")?.actor).toMatchObject({ type: "staff" });
  });

  it("a complaint nobody classifies: coming up names its classify clock, and +1 hour reports it overdue with the front desk leader alerted", async () => {
    const owner = d.owner(710_001, "zh-CN");
    await owner.say("/start");
    await owner.key(owner.t("owner:start.share_contact"));
    await owner.sees((text) => text === owner.t("owner:verify.verified"));
    await owner.key(owner.t("owner:menu.complain"));
    await owner.press(owner.t("common:complaint_subject.noise"));
    await owner.say("楼上每天凌晨两点还在装修");
    await owner.say("这一周每天凌晨，3栋1302");
    await owner.press(owner.t("owner:complaint_form.skip"));
    await owner.say("请让他们晚上停工");
    await owner.press(owner.t("owner:complaint_form.deadline.none"));
    await owner.press(owner.t("owner:report.photos_done"));
    await owner.press(owner.t("owner:report.summary.submit"));
    const number = /C-\d{4}-\d{6}/.exec((await owner.sees((text) => /C-\d{4}-\d{6}/.test(text))).join("\n"))?.[0] as string;
    const classify = translator.t("en", "staff:clocks.complaint_classify");

    const { upcoming } = await d.get<{ upcoming: { ticketNumber: string; job: string; label: string; alerts: string }[] }>("/playground/api/clock");
    expect(upcoming).toContainEqual(expect.objectContaining({ ticketNumber: number, job: "clock.breach", label: classify, alerts: "frontdesk/leader" }));
    const moved = await d.post<{ reports: { ticketNumber: string; outcome: string; clock: string; alerts: string }[] }>("/playground/api/clock", { by: { days: 0, hours: 1 } });
    expect(moved.body.reports).toContainEqual(expect.objectContaining({ ticketNumber: number, outcome: "escalated", clock: classify, alerts: "frontdesk/leader" }));
    const alert = await d.staff("U0FD02").card(frontdesk, translator.t("en", "staff:alerts.complaint_unclassified", { number, dueAt: "" }).slice(0, 30));
    expect(JSON.stringify(alert.blocks)).toContain("<@U0FD02>");
  });

  it("a click by someone the procedure forbids is answered with an ephemeral only they see", async () => {
    const owner = d.owner(710_004, "en");
    const number = await reportThroughThePhone(owner);
    const cleaner = d.staff("U0CL01");

    await cleaner.click(maintenance, number, staffLabel("claim"));

    const ephemeral = await d.until(async () => {
      const found = (await cleaner.posts(maintenance)).find((post) => post.ephemeral);
      if (!found) throw new Error("no ephemeral yet");
      return found;
    });
    expect(ephemeral.text.length).toBeGreaterThan(0);
    expect((await d.staff("U0MT01").posts(maintenance)).some((post) => post.ephemeral)).toBe(false);
    expect(await ticketStatus(d, number)).toBe("new");
    expect(buttons(await cleaner.card(maintenance, number)).map((b) => b.text.text)).toContain(staffLabel("claim"));
  });

  it("refuses what the page cannot have shown: unknown buttons, a clock going backwards, malformed bodies", async () => {
    expect((await d.post("/playground/api/owners/710001/inline", { messageId: 9999, data: "x" })).status).toBe(400);
    expect((await d.post("/playground/api/owners/710001/keyboard", { text: "not a key" })).status).toBe(400);
    expect((await d.post("/playground/api/owners/42/text", { text: "hi" })).status).toBe(400);
    expect((await d.post("/playground/api/click", { as: "U0MT01", channel: maintenance, ts: "1.000001", actionId: "ticket.claim" })).status).toBe(400);
    expect((await d.post("/playground/api/clock", { to: "2000-01-01T00:00:00Z" })).status).toBe(409);
    expect((await d.post("/playground/api/clock", { by: { hours: -1 } })).status).toBe(400);
    expect((await d.post("/playground/api/owners/710001/text", { text: "" })).status).toBe(400);
  });
});
