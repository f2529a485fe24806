import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/app/read-csv.js";
import { bookService as bookServiceFor } from "../../src/core/kinds/service/use-cases/book-service.js";
import { completeService } from "../../src/core/kinds/service/use-cases/complete-service.js";
import { confirmServiceTime } from "../../src/core/kinds/service/use-cases/confirm-service-time.js";
import { exportOrderColumns } from "../../src/core/kinds/service/use-cases/export-orders.js";
import { proposeServiceTime } from "../../src/core/kinds/service/use-cases/propose-service-time.js";
import { startService } from "../../src/core/kinds/service/use-cases/start-service.js";
import { openTestDatabase, postgresSkipReason, postgresTestUrl, type TestDatabase } from "../support/databases.js";
import { frontDeskChannel, Harness, textOf } from "../support/e2e-harness.js";
import { serviceActionIds, serviceInputs } from "../../src/adapters/slack/kinds/service/interaction.js";
import { dispatchAndFinish, staffLabel } from "../support/e2e-steps.js";
import { bookService, bookUpToSummary, cardButtons, cleaningChannel, greeningChannel, hasButton, onboard, pickTime, proposeAndConfirm, quote, serviceEnv, serviceLabel, startAndFinish, withServiceTeams } from "../support/service-steps.js";

/** The needle of a service order's card (its header and fallback text), which alerts about it do not contain. */
const cardOf = (number: string) => `${number} · `;

async function orderOf(h: Harness, number: string) {
  return h.app.ctx.uow.transaction(async (store) => {
    const order = await store.cases.findByNumber(number);
    return { order, workOrders: order ? await store.workOrders.listByCase(order.id) : [], receipts: order ? await store.receipts.listByCase(order.id) : [] };
  });
}

describe("paid home services from Telegram to Slack and back", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.start({ env: serviceEnv });
    await withServiceTeams(h);
  });
  afterEach(async () => {
    await h.stop();
  });

  it("an hourly clean: booked with its estimate, a time proposed, another asked, proposed again and confirmed, worked, accepted against a receipt, called back and closed", async () => {
    // Monday 30 November 2026, 10:00 in Shanghai.
    const owner = h.owner({ id: 5002, first_name: "Tom", language_code: "en" }, "en");
    const leader = h.staff("UCLEANL");
    const cleaner = h.staff("UCLEAN1");
    const receptionist = h.staff("UFRONT1");
    await onboard(owner, "+8613900000002");

    const number = await bookService(owner, { team: "cleaning", serviceType: "cleaning_hourly", quantity: owner.t("owner:services.hours_value", { value: "3", count: 3 }), requests: "Please mind the wooden floor", preferredTime: "Wednesday afternoon" });
    expect(number).toBe("S-2026-000001");
    // Alerts name the number too: the card is the message headed with it.
    const card = cardOf(number);
    const summary = owner.texts().find((text) => text.startsWith(owner.t("owner:services.summary.title")));
    expect(summary).toContain(owner.t("owner:services.summary.estimate", { amount: "¥150.00" }));
    await h.until(() => expect(owner.texts().join("\n")).toContain(owner.t("owner:service.received", { number, item: "Hourly cleaning", estimate: "¥150.00" })));

    await h.until(() => expect(leader.card(cleaningChannel, card)).toBeDefined());
    expect(textOf(leader.card(cleaningChannel, card))).toContain("Please mind the wooden floor");
    await cleaner.click(cleaningChannel, card, staffLabel("claim"));
    await h.until(() => expect(textOf(leader.card(cleaningChannel, card))).toContain("Sun Mei"));

    // The leader proposes Wednesday 14:00; the owner asks for another time instead.
    await pickTime(h, leader, cleaningChannel, card, serviceLabel("propose_time"), { date: "2026-12-02", time: "14:00" });
    const confirm = owner.t("owner:service.actions.time.confirm");
    const other = owner.t("owner:service.actions.time.other");
    await h.until(() => expect(hasButton(owner, other)).toBe(true));
    // Not confirmed: the card offers no Start, and a Start clicked on a copy drawn before is refused.
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).toContain(serviceLabel("propose_time")));
    expect(cardButtons(leader, cleaningChannel, card)).not.toContain(serviceLabel("start"));
    await cleaner.clickHidden(cleaningChannel, card, serviceActionIds.start);
    await h.until(() => expect(h.slack.ephemerals(cleaningChannel).filter((e) => e.user === "UCLEAN1").map((e) => e.text)).toEqual([`You cannot start ${number} now: it is “Waiting for the owner to confirm the time”.`]));
    expect((await orderOf(h, number)).order?.status).toBe("awaiting_confirmation");
    await owner.press(other);
    expect(owner.lastText()).toBe(owner.t("owner:services.wish.ask_other_time"));
    await owner.say("Thursday afternoon, please");
    await h.until(() => expect(owner.texts().join("\n")).toContain(owner.t("owner:service.other_time_noted", { number, wish: "Thursday afternoon, please" })));
    expect((await orderOf(h, number)).workOrders).toEqual([]);

    await pickTime(h, leader, cleaningChannel, card, serviceLabel("propose_time"), { date: "2026-12-03", time: "14:00" });
    await h.until(() => expect(owner.texts().join("\n")).toContain("the team proposes to come on Thu, Dec 3, 14:00"));
    expect((await orderOf(h, number)).workOrders).toEqual([]);
    await owner.press(confirm);
    await h.until(() => expect(owner.texts().join("\n")).toContain("S-2026-000001-01"));
    const { workOrders } = await orderOf(h, number);
    expect(workOrders.map((wo) => [wo.number, wo.status, wo.scheduledAt.toISOString()])).toEqual([["S-2026-000001-01", "scheduled", "2026-12-03T06:00:00.000Z"]]);

    await startAndFinish(h, owner, cleaner, cleaningChannel, card, "2026-12-03T14:00:00+08:00", "2026-12-03T17:00:00+08:00");
    const accept = owner.t("owner:service.actions.work.accept");

    h.time.set("2026-12-03T17:30:00+08:00");
    await owner.press(accept);
    await h.until(() => expect(owner.texts().some((text) => text.startsWith("Receipt RC-2026-000001"))).toBe(true));
    const receipt = owner.texts().find((text) => text.startsWith("Receipt RC-2026-000001")) as string;
    expect(receipt).toContain(`Hourly cleaning × 3: ¥150.00`);
    expect(receipt).toContain("Total: ¥150.00");
    expect((await orderOf(h, number)).receipts.map((r) => [r.number, r.amountFen])).toEqual([["RC-2026-000001", 15_000]]);

    // The callback is asked the next working day.
    expect(await h.tickAt(new Date("2026-12-04T17:29:00+08:00"))).not.toContain(`${number}  callback_prompted`);
    expect(await h.tickAt(new Date("2026-12-04T17:30:00+08:00"))).toContain(`${number}  callback_prompted`);
    await h.until(() => expect(receptionist.card(frontDeskChannel, number)).toBeDefined());
    await receptionist.click(frontDeskChannel, number, staffLabel("satisfied"));
    await h.until(() => expect(owner.lastText()).toBe(owner.t("owner:service.closed", { number })));
    expect((await orderOf(h, number)).order?.status).toBe("closed");
  });
  it("a whole-flat clean priced on site: a site visit, a quote of two lines accepted; a greening quote declined ends that booking", async () => {
    const owner = h.owner({ id: 5001, first_name: "芳", language_code: "zh-hans" }, "zh-CN");
    const leader = h.staff("UCLEANL");
    const gardener = h.staff("UGREENL");
    await onboard(owner, "8613800000001");

    const summary = await bookUpToSummary(owner, { team: "cleaning", serviceType: "cleaning_whole_flat", item: "全屋清洁", quantity: owner.t("owner:services.area_value", { value: "89.5" }), preferredTime: "下周末都可以" });
    expect(summary).toContain(owner.t("owner:services.summary.onsite_guide", { price: owner.t("owner:services.per_unit.m2", { price: "¥8.00" }) }));
    await owner.press(owner.t("owner:report.summary.submit"));
    const number = "S-2026-000001";
    await h.until(() => expect(owner.texts()).toContain(owner.t("owner:service.received_onsite", { number, item: "全屋清洁" })));

    // Priced on site: a site visit first; no time can be proposed before a price is agreed.
    const card = cardOf(number);
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).toContain(serviceLabel("schedule_site_visit")));
    expect(cardButtons(leader, cleaningChannel, card)).not.toContain(serviceLabel("propose_time"));
    await pickTime(h, leader, cleaningChannel, card, serviceLabel("schedule_site_visit"), { date: "2026-12-01", time: "14:00" });
    await h.until(() => expect(owner.texts().join("\n")).toContain(`服务单 ${number}（全屋清洁）：班组负责人将于`));

    h.time.set("2026-12-01T15:00:00+08:00");
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).toContain(serviceLabel("quote")));
    await quote(h, leader, cleaningChannel, card, [{ code: "CL-WHOLE-FLAT", quantity: "89.5" }, { code: "CL-WINDOWS", quantity: "12" }]);
    const accept = owner.t("owner:service.actions.quote.accept");
    await h.until(() => expect(hasButton(owner, accept)).toBe(true));
    const quoted = owner.texts().find((text) => text.startsWith("【服务报价】")) as string;
    expect(quoted).toContain("全屋清洁 × 89.5: ¥716.00\n玻璃窗清洁 × 12: ¥72.00");
    expect(quoted).toContain("合计：¥788.00");
    await owner.press(accept);
    await h.until(() => expect(owner.texts()).toContain(owner.t("owner:service.quote_accepted", { number, total: "¥788.00" })));
    await h.until(() => expect(h.slack.channel(cleaningChannel).some((m) => m.text.includes(`${number}: the owner accepted the quote (¥788.00)`))).toBe(true));
    expect((await orderOf(h, number)).order).toMatchObject({ status: "agreed", details: { agreedFen: 78_800, quoteTotalFen: 78_800 } });
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).toContain(serviceLabel("propose_time")));

    // A pruning, also priced on site, quoted and declined: that booking ends there.
    const pruning = await bookService(owner, { team: "greening", serviceType: "greening_one_off", item: "乔木修剪", preferredTime: "周三上午" });
    expect(pruning).toBe("S-2026-000002");
    const pruningCard = cardOf(pruning);
    await h.until(() => expect(cardButtons(gardener, greeningChannel, pruningCard)).toContain(serviceLabel("schedule_site_visit")));
    await pickTime(h, gardener, greeningChannel, pruningCard, serviceLabel("schedule_site_visit"), { date: "2026-12-02", time: "10:00" });
    h.time.set("2026-12-02T11:00:00+08:00");
    await h.until(() => expect(cardButtons(gardener, greeningChannel, pruningCard)).toContain(serviceLabel("quote")));
    await quote(h, gardener, greeningChannel, pruningCard, [{ code: "GR-PRUNE", quantity: "2" }]);
    const decline = owner.t("owner:service.actions.quote.decline");
    await h.until(() => expect(owner.texts().filter((text) => text.startsWith("【服务报价】"))).toHaveLength(2));
    await owner.press(decline);
    await h.until(() => expect(owner.texts()).toContain(owner.t("owner:service.quote_declined", { number: pruning })));
    await h.until(() => expect(h.slack.channel(greeningChannel).some((m) => m.text.includes(`${pruning}: the owner declined the quote (¥300.00)`))).toBe(true));
    expect((await orderOf(h, pruning)).order?.status).toBe("declined");
    await h.until(() => expect(cardButtons(gardener, greeningChannel, pruningCard)).toEqual([]));
    // The first booking's quote is untouched by the second's answer.
    expect((await orderOf(h, number)).order?.status).toBe("agreed");
  });
  it("a monthly package accepted on 30 November: the rest of the month at once, each 1st the month's visits numbered on, announced the day before, receipted pro rata at the month close, across the year end", async () => {
    const owner = h.owner({ id: 5002, first_name: "Tom", language_code: "en" }, "en");
    const leader = h.staff("UCLEANL");
    await onboard(owner, "+8613900000002");
    const number = await bookService(owner, { team: "cleaning", serviceType: "cleaning_monthly", item: "Monthly cleaning package (one 3-hour visit a week)", preferredTime: "Monday afternoons" });
    const card = cardOf(number);
    const register = async () => (await orderOf(h, number)).workOrders.map((wo) => `${wo.number} ${wo.status} ${wo.scheduledAt.toISOString()}`);

    // Mondays at 14:00: today's visit is still ahead (10:00 now), so November has one left.
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).toContain(serviceLabel("quote")));
    await quote(h, leader, cleaningChannel, card, [{ code: "CL-MONTHLY-WEEKLY", quantity: "1" }], { weekdays: [1], time: "14:00" });
    await h.until(() => expect(hasButton(owner, owner.t("owner:service.actions.quote.accept"))).toBe(true));
    expect(owner.lastText()).toContain("Monthly fee: ¥880.00");
    await owner.press(owner.t("owner:service.actions.quote.accept"));
    await h.until(() => expect(owner.texts().join("\n")).toContain(`Your package ${number} (Monthly cleaning package (one 3-hour visit a week)) starts now`));
    expect(await register()).toEqual(["S-2026-000001-01 scheduled 2026-11-30T06:00:00.000Z"]);

    // Less than a day ahead, today's visit is announced at once.
    await h.tickAt(new Date("2026-11-30T10:05:00+08:00"));
    await h.until(() => expect(owner.texts().join("\n")).toContain(`on Mon, Nov 30, 14:00 (work order S-2026-000001-01)`));

    h.time.set("2026-11-30T14:00:00+08:00");
    const firstVisit = { start: serviceLabel("start_visit", { visit: "S-2026-000001-01" }), done: serviceLabel("done_visit", { visit: "S-2026-000001-01" }) };
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).toContain(firstVisit.start));
    await leader.click(cleaningChannel, card, firstVisit.start);
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).toContain(firstVisit.done));
    h.time.set("2026-11-30T17:00:00+08:00");
    await leader.click(cleaningChannel, card, firstVisit.done);
    await h.until(() => expect(owner.texts().join("\n")).toContain(`The visit S-2026-000001-01 of your package ${number}`));
    await owner.press(owner.t("owner:service.actions.work.accept"));
    await h.until(() => expect(owner.texts().join("\n")).toContain(owner.t("owner:service.action_done.work.accept")));

    // The 1st at 00:00: December's Mondays open, numbered on; November is receipted for 1 of its 5 Mondays.
    const december = await h.tickAt(new Date("2026-12-01T00:00:00+08:00"));
    expect(december).toContain("month_closed");
    const opened = ["02 2026-12-07", "03 2026-12-14", "04 2026-12-21", "05 2026-12-28"].map((v) => `S-2026-000001-${v.slice(0, 2)} scheduled ${v.slice(3)}T06:00:00.000Z`);
    expect(await register()).toEqual(["S-2026-000001-01 accepted 2026-11-30T06:00:00.000Z", ...opened]);
    expect(await h.tickAt(new Date("2026-12-01T00:00:00+08:00"))).not.toContain("month_closed");
    expect(await register()).toHaveLength(5);
    const receipts = async () => (await orderOf(h, number)).receipts.map((r) => `${r.number} ${r.period} ${r.amountFen}`);
    expect(await receipts()).toEqual(["RC-2026-000001 2026-11 17600"]);
    // The month's receipt reaches the owner, the month's digest the front desk.
    await h.until(() => expect(h.slack.channel(frontDeskChannel).some((m) => m.text.startsWith("Service orders of 2026-11"))).toBe(true));
    await h.until(() => expect(owner.texts().some((text) => text.startsWith(`Receipt RC-2026-000001 for your package ${number}, month 2026-11`))).toBe(true));
    expect(owner.texts().find((text) => text.startsWith("Receipt RC-2026-000001"))).toContain("Total: ¥176.00");

    // The day before 7 December at 10:00, the visit is announced with Propose another; the owner moves it.
    await h.tickAt(new Date("2026-12-06T09:59:00+08:00"));
    await h.delivered();
    expect(owner.texts().join("\n")).not.toContain("(work order S-2026-000001-02)");
    await h.tickAt(new Date("2026-12-06T10:00:00+08:00"));
    await h.until(() => expect(owner.texts().join("\n")).toContain("on Mon, Dec 7, 14:00 (work order S-2026-000001-02)"));
    await owner.press(owner.t("owner:service.actions.visit.other"));
    await owner.say("Tuesday afternoon instead");
    await h.until(() => expect(h.slack.channel(cleaningChannel).some((m) => m.text.includes("S-2026-000001-02") && m.text.includes("Tuesday afternoon instead"))).toBe(true));
    expect((await register())[1]).toBe("S-2026-000001-02 rescheduling 2026-12-07T06:00:00.000Z");
    // A visit to be moved cannot start.
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).not.toContain(serviceLabel("start_visit", { visit: "S-2026-000001-02" })));

    await pickTime(h, leader, cleaningChannel, card, serviceLabel("propose_time"), { date: "2026-12-08", time: "15:00" }, {
      [serviceInputs.visit]: { type: "static_select", selected_option: { value: "2026-12-07T06:00:00.000Z" } },
    });
    await h.until(() => expect(owner.texts().join("\n")).toContain("the team proposes to come on Tue, Dec 8, 15:00 instead"));
    await owner.press(owner.t("owner:service.actions.time.confirm"));
    expect((await register())[1]).toBe("S-2026-000001-02 scheduled 2026-12-08T07:00:00.000Z");

    h.time.set("2026-12-08T15:00:00+08:00");
    const moved = { start: serviceLabel("start_visit", { visit: "S-2026-000001-02" }), done: serviceLabel("done_visit", { visit: "S-2026-000001-02" }) };
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).toContain(moved.start));
    await leader.click(cleaningChannel, card, moved.start);
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).toContain(moved.done));
    await leader.click(cleaningChannel, card, moved.done);
    await h.until(() => expect(owner.texts().join("\n")).toContain(`The visit S-2026-000001-02 of your package ${number}`));

    // Across the year end: January's Mondays open numbered on; December is receipted for 1 of 4 under 2027's numbers.
    await h.tickAt(new Date("2027-01-01T00:00:00+08:00"));
    const january = ["06 2027-01-04", "07 2027-01-11", "08 2027-01-18", "09 2027-01-25"].map((v) => `S-2026-000001-${v.slice(0, 2)} scheduled ${v.slice(3)}T06:00:00.000Z`);
    expect((await register()).slice(5)).toEqual(january);
    expect(await receipts()).toEqual(["RC-2026-000001 2026-11 17600", "RC-2027-000001 2026-12 22000"]);
    await h.tickAt(new Date("2027-01-01T00:00:00+08:00"));
    expect(await register()).toHaveLength(9);
    expect(await receipts()).toHaveLength(2);
  });
  it("from /mine the owner moves an order and cancels another before the team sets off; once started, Cancel is refused", async () => {
    const owner = h.owner({ id: 5002, first_name: "Tom", language_code: "en" }, "en");
    const leader = h.staff("UCLEANL");
    await onboard(owner, "+8613900000002");
    const hourly = { team: "cleaning", serviceType: "cleaning_hourly", quantity: owner.t("owner:services.hours_value", { value: "2", count: 2 }), preferredTime: "Any afternoon" } as const;
    const first = await bookService(owner, hourly);
    const card = cardOf(first);
    const confirmAt = (local: { date: string; time: string }) => proposeAndConfirm(h, owner, leader, cleaningChannel, card, local);
    await confirmAt({ date: "2026-12-02", time: "14:00" });
    expect((await orderOf(h, first)).workOrders.map((wo) => `${wo.number} ${wo.status}`)).toEqual(["S-2026-000001-01 scheduled"]);

    // /mine: the confirmed time, the price, Reschedule and Cancel.
    await owner.say("/mine");
    expect(owner.lastText()).toContain(owner.t("owner:services.mine.confirmed", { at: "Wed, Dec 2, 14:00" }));
    expect(owner.lastText()).toContain(owner.t("owner:services.mine.price", { amount: "¥100.00" }));
    await owner.press(owner.t("owner:service.actions.order.reschedule"));
    expect(owner.lastText()).toBe(owner.t("owner:services.wish.ask_reschedule"));
    await owner.say("Thursday morning instead");
    await h.until(() => expect(owner.texts()).toContain(owner.t("owner:service.reschedule_noted", { number: first, wish: "Thursday morning instead" })));
    await h.until(() => expect(h.slack.channel(cleaningChannel).some((m) => m.text.includes(first) && m.text.includes("Thursday morning instead"))).toBe(true));
    expect((await orderOf(h, first)).order?.status).toBe("agreed");
    expect((await orderOf(h, first)).workOrders.map((wo) => `${wo.number} ${wo.status}`)).toEqual(["S-2026-000001-01 cancelled"]);

    // A second order, cancelled from /mine before any time is agreed.
    const second = await bookService(owner, hourly);
    await owner.say("/mine");
    await owner.press(owner.t("owner:service.actions.order.cancel"), second);
    await h.until(() => expect(owner.texts()).toContain(owner.t("owner:service.cancelled_by_owner", { number: second, item: "Hourly cleaning" })));
    expect((await orderOf(h, second)).order?.status).toBe("cancelled");
    await h.until(() => expect(textOf(leader.card(cleaningChannel, cardOf(second)))).toContain("Cancelled"));

    // The first, moved to Thursday, confirmed and started: Cancel under the confirmation is refused.
    await confirmAt({ date: "2026-12-03", time: "09:00" });
    expect((await orderOf(h, first)).workOrders.map((wo) => `${wo.number} ${wo.status}`)).toEqual(["S-2026-000001-01 cancelled", "S-2026-000001-02 scheduled"]);
    h.time.set("2026-12-03T09:00:00+08:00");
    await h.until(() => expect(cardButtons(leader, cleaningChannel, card)).toContain(serviceLabel("start")));
    await leader.click(cleaningChannel, card, serviceLabel("start"));
    await h.until(() => expect(owner.texts()).toContain(owner.t("owner:service.started", { number: first, item: "Hourly cleaning" })));
    await owner.press(owner.t("owner:service.actions.order.cancel"));
    expect(owner.lastText()).toBe(owner.t("common:errors.team_on_the_way", { number: first }));
    expect((await orderOf(h, first)).order?.status).toBe("in_progress");
    await owner.say("/mine");
    const listed = owner.chat().findLast((message) => message.text?.includes(first));
    expect(listed?.text).toContain(owner.t("owner:services.status.in_progress"));
    expect(JSON.stringify(listed?.reply_markup ?? {})).not.toContain(owner.t("owner:service.actions.order.cancel"));
  });
  it("a paid repair: the items recorded at Done, the owner's Yes, and its receipt in the chat, numbered on the same counter as the services'", async () => {
    const owner = h.owner({ id: 5002, first_name: "Tom", language_code: "en" }, "en");
    await onboard(owner, "+8613900000002");
    await owner.say("/repair");
    await owner.press(owner.t("common:category.plumbing"));
    await owner.say("The kitchen tap and both angle valves leak");
    await owner.press(owner.t("owner:report.photos_skip"));
    await owner.press((text) => text.startsWith("🏠"));
    await owner.say("Tomorrow morning");
    await owner.press(owner.t("owner:report.summary.submit"));
    const number = "R-2026-000001";
    expect(owner.texts().join("\n")).toContain(number);

    await dispatchAndFinish(h, owner, h.staff("UMAINT1"), number, [["MT-TAP", "1"], ["MT-ANGLE-VALVE", "2"]]);
    expect(owner.lastText()).toContain("Replace a tap × 1: ¥30.00\nReplace an angle valve × 2: ¥50.00\nTotal: ¥80.00");
    await owner.press(owner.t("owner:actions.fixed.yes"));
    await h.until(() => expect(owner.texts().some((text) => text.startsWith(`Receipt RC-2026-000001 for ${number}`))).toBe(true));
    expect(owner.texts().find((text) => text.startsWith("Receipt RC-2026-000001"))).toContain("Total: ¥80.00");

    // The next fee, a service's, takes the next number of the year.
    const cleaning = await bookService(owner, { team: "cleaning", serviceType: "cleaning_hourly", quantity: owner.t("owner:services.hours_value", { value: "2", count: 2 }), preferredTime: "Friday" });
    const leader = h.staff("UCLEANL");
    await proposeAndConfirm(h, owner, leader, cleaningChannel, cardOf(cleaning), { date: "2026-12-04", time: "10:00" });
    await startAndFinish(h, owner, leader, cleaningChannel, cardOf(cleaning), "2026-12-04T10:00:00+08:00");
    await owner.press(owner.t("owner:service.actions.work.accept"));
    await h.until(() => expect(owner.texts().some((text) => text.startsWith(`Receipt RC-2026-000002 for ${cleaning}`))).toBe(true));
  });
  it("export orders --month 2026-12 writes the month's work orders and receipts per customer as CSV with a byte order mark", async () => {
    h.time.set("2026-12-01T10:00:00+08:00");
    const wang = h.owner({ id: 5001, first_name: "芳", language_code: "zh-hans" }, "zh-CN");
    const tom = h.owner({ id: 5002, first_name: "Tom", language_code: "en" }, "en");
    const leader = h.staff("UCLEANL");
    await onboard(wang, "8613800000001");
    await onboard(tom, "+8613900000002");
    const done = await bookService(wang, { team: "cleaning", serviceType: "cleaning_hourly", quantity: wang.t("owner:services.hours_value", { value: "3", count: 3 }), preferredTime: "周四下午" });
    await proposeAndConfirm(h, wang, leader, cleaningChannel, cardOf(done), { date: "2026-12-03", time: "14:00" });
    await startAndFinish(h, wang, leader, cleaningChannel, cardOf(done), "2026-12-03T14:00:00+08:00", "2026-12-03T17:00:00+08:00");
    await wang.press(wang.t("owner:service.actions.work.accept"));
    const moved = await bookService(tom, { team: "cleaning", serviceType: "cleaning_hourly", quantity: tom.t("owner:services.hours_value", { value: "2", count: 2 }), preferredTime: "Friday" });
    await proposeAndConfirm(h, tom, leader, cleaningChannel, cardOf(moved), { date: "2026-12-04", time: "10:00" });
    await tom.say("/mine");
    await tom.press(tom.t("owner:service.actions.order.cancel"), moved);

    const file = h.csv("orders-2026-12.csv", []);
    expect(await h.cli("export", "orders", "--month", "2026-12", "--out", file)).toBe(`exported 3 row(s) of 2026-12 to ${file}`);
    const text = readFileSync(file, "utf8");
    expect(text.startsWith(`\uFEFF${exportOrderColumns.join(",")}\r\n`)).toBe(true);
    expect(parseCsv(text).map((row) => exportOrderColumns.map((column) => row.values[column]).join(","))).toEqual([
      `3,1202,王芳,${done},${done}-01,cleaning_hourly,CL-HOURLY,2026-12-03T14:00:00+08:00,accepted,,`,
      `3,1202,王芳,${done},${done}-01,cleaning_hourly,CL-HOURLY,,receipted,RC-2026-000001,150.00`,
      `5,0801,Tom Baker,${moved},${moved}-01,cleaning_hourly,CL-HOURLY,2026-12-04T10:00:00+08:00,cancelled,,`,
    ]);
  });
});

const concurrentTitle = "on PostgreSQL: ten owners accepting ten finished orders at the same moment get RC-2026-000001 to 000010, no gap, no duplicate";

describe.skipIf(!postgresTestUrl)(postgresTestUrl ? "paid home services on PostgreSQL" : `paid home services on PostgreSQL SKIPPED: ${postgresSkipReason}`, () => {
  let db: TestDatabase;
  let h: Harness;
  beforeAll(async () => {
    db = await openTestDatabase("postgresql");
    h = await Harness.start({ env: { ...serviceEnv, DATABASE_URL: `${db.url}?schema=${db.schema as string}` } });
    await withServiceTeams(h);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
    await db?.cleanup();
  });

  it(concurrentTitle, async () => {
    const owners = Array.from({ length: 10 }, (_, index) => ({ unit: `${1001 + index}`, phone: `+86137000000${String(index).padStart(2, "0")}`, id: 6000 + index }));
    await h.cli("import", "units", h.csv("units-ten.csv", [
      "building,unit,area_m2,handover_date,warranty_months,owner_name,phone,language",
      ...owners.map((owner) => `7,${owner.unit},80,2020-01-01,24,Owner ${owner.unit},${owner.phone},en`),
    ]));
    const phones = await Promise.all(owners.map(async (owner) => {
      const phone = h.owner({ id: owner.id, first_name: `Owner ${owner.unit}`, language_code: "en" }, "en");
      await onboard(phone, owner.phone);
      return phone;
    }));
    // Ten one-off cleans, each booked, timed, worked and done (the core's use cases: the presses below are what is tested).
    const ctx = h.app.ctx;
    for (const phone of phones) {
      const order = await bookServiceFor(ctx, { ownerUserId: String(phone.user.id), serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 2, preferredTime: "Any time" });
      await proposeServiceTime(ctx, { caseId: order.id, staffUserId: "UCLEANL", at: new Date("2026-12-02T10:00:00+08:00") });
      await confirmServiceTime(ctx, { ownerUserId: String(phone.user.id), caseId: order.id, proposedAt: new Date("2026-12-02T10:00:00+08:00").toISOString() });
    }
    h.time.set("2026-12-02T10:00:00+08:00");
    const orders = await ctx.uow.transaction((store) => store.cases.listByKindAndStatus("service", ["scheduled"], 100));
    expect(orders).toHaveLength(10);
    for (const order of orders) {
      await startService(ctx, { caseId: order.id, staffUserId: "UCLEANL" });
      await completeService(ctx, { caseId: order.id, staffUserId: "UCLEANL" });
    }
    await h.delivered();
    const accept = phones[0]!.t("owner:service.actions.work.accept");
    for (const phone of phones) expect(hasButton(phone, accept)).toBe(true);

    await Promise.all(phones.map((phone) => phone.press(accept)));

    const issued = await ctx.uow.transaction((store) => store.receipts.listIssuedBetween(new Date("2026-12-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z")));
    expect(issued.map((receipt) => receipt.number).sort()).toEqual(Array.from({ length: 10 }, (_, index) => `RC-2026-${String(index + 1).padStart(6, "0")}`));
    expect(new Set(issued.map((receipt) => receipt.caseId)).size).toBe(10);
    await h.until(() => {
      const shown = phones.flatMap((phone) => phone.texts().filter((text) => text.startsWith("Receipt RC-2026-")).map((text) => text.slice("Receipt ".length, "Receipt RC-2026-000000".length)));
      expect(shown.sort()).toEqual(issued.map((receipt) => receipt.number).sort());
    });
  }, 120_000);
});
