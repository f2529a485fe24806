import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { confirmServiceTime } from "../../../src/core/kinds/service/use-cases/confirm-service-time.js";
import { scheduleSiteVisit } from "../../../src/core/kinds/service/use-cases/schedule-site-visit.js";
import { encodeValue } from "../../../src/adapters/slack/interaction-values.js";
import { blockActionPayload, postToBolt } from "../../../src/testing/fake-slack-server.js";
import { buttonLabels, textOf } from "./block-text.js";
import { chosen, picked, type ServiceHarness, startServiceHarness, typed } from "./service-harness.js";
import { CLEANING_CHANNEL, GREENING_CHANNEL, SIGNING_SECRET } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("a service order's card and buttons in the team's channel, through the real Bolt app", () => {
  let h: ServiceHarness;

  beforeEach(async () => {
    h = await startServiceHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  /** A click on a button an older card still shows (the current one no longer does). */
  async function clickStale(channel: string, actionId: string, caseId: string, user: string) {
    const subject = h.order(caseId);
    const payload = blockActionPayload({ user, channel, messageTs: "1.000001", actionId, value: encodeValue({ ticketId: subject.id, version: subject.version }) });
    return postToBolt(h.url, SIGNING_SECRET, payload);
  }

  it("posts an hourly clean to #cleaning with the standard's estimate, and a greening job to #greening as priced on site", async () => {
    await h.book({ serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, preferredTime: "Saturday morning", specialRequests: "Bring your own mop" });
    await h.book({ serviceType: "greening_one_off", priceCode: "GR-ONE-OFF", preferredTime: "Any weekday afternoon" });

    const hourly = textOf(h.card(CLEANING_CHANNEL, "S-2026-000001").blocks);
    expect(hourly).toContain("*Price*\n¥150.00 (estimate)");
    expect(hourly).toContain("*Hours*\n3 h");
    expect(hourly).toContain("*Owner's wish*\nSaturday morning");
    expect(hourly).toContain("*Special requests*\nBring your own mop");
    expect(buttonLabels(h.card(CLEANING_CHANNEL, "S-2026-000001").blocks)).toEqual(["Quote", "Claim", "Assign", "Propose time", "Cancel"]);
    const greening = h.card(GREENING_CHANNEL, "S-2026-000002");
    expect(textOf(greening.blocks)).toContain("*Price*\nPriced on site (from ¥200.00)");
    expect(buttonLabels(greening.blocks)).toEqual(["Schedule site visit", "Claim", "Assign", "Cancel"]);
  });

  it("the leader schedules the site visit, then quotes two lines: the total is on the card and the owner gets the quote to accept or decline", async () => {
    const order = await h.book({ serviceType: "cleaning_whole_flat", priceCode: "CL-WHOLE-FLAT", preferredTime: "Next week" });

    const visit = await h.openModal(h.card(CLEANING_CHANNEL, order.number), "service.schedule_site_visit", "UCLEANL");
    await h.submitAndDeliver(visit, "UCLEANL", picked("2026-12-02", "14:00"), () => expect(h.order(order.id).status).toBe("site_visit"));

    expect(h.order(order.id).details.siteVisitAt).toEqual(new Date("2026-12-02T06:00:00Z"));
    expect(textOf(h.card(CLEANING_CHANNEL, order.number).blocks)).toMatch(/\*Site visit\*\n.*Dec 2, 14:00/);
    const quote = await h.openModal(h.card(CLEANING_CHANNEL, order.number), "service.quote", "UCLEANL");
    expect(JSON.stringify(quote.blocks)).toContain('"initial_value":"89.5"');
    await h.submitAndDeliver(
      quote,
      "UCLEANL",
      { ...chosen("service_item_1", "CL-WHOLE-FLAT"), ...typed("service_quantity_1", "89.5"), ...chosen("service_item_2", "CL-WINDOWS"), ...typed("service_quantity_2", "12") },
      () => expect(h.order(order.id).status).toBe("quoted"),
    );

    const shown = textOf(h.card(CLEANING_CHANNEL, order.number).blocks);
    expect(shown).toContain("Whole-flat cleaning × 89.5 @ ¥8.00 = ¥716.00");
    expect(shown).toContain("Window cleaning × 12 @ ¥6.00 = ¥72.00");
    expect(shown).toContain("Total ¥788.00 · waiting for the owner");
    const [notice] = h.ownerNotices("service.quoted");
    expect(notice?.params).toMatchObject({ number: order.number, total: "¥788.00" });
    expect(notice?.buttons.map((button) => button.action)).toEqual(["quote.accept", "quote.decline"]);
  });

  it("Quote before the site visit of an item priced on site is refused to the clicker alone, with the reason, and nothing changes", async () => {
    const order = await h.book({ serviceType: "cleaning_whole_flat", priceCode: "CL-WHOLE-FLAT", preferredTime: "Next week" });
    const views = h.fake.views().length;

    await clickStale(CLEANING_CHANNEL, "service.quote", order.id, "UCLEANL");

    await vi.waitFor(() => expect(h.fake.ephemerals(CLEANING_CHANNEL)).toHaveLength(1));
    expect(h.fake.ephemerals(CLEANING_CHANNEL)[0]).toMatchObject({ user: "UCLEANL", text: `The price is set on site: please schedule the site visit for ${order.number} first.` });
    expect(h.fake.views()).toHaveLength(views);
    expect(h.order(order.id)).toMatchObject({ status: "new", version: order.version });
  });

  it("the leader proposes a time; Start is refused until the owner confirms it, then starts the work; Done hands it to the owner to inspect", async () => {
    const order = await h.book({ serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, preferredTime: "Saturday morning" });

    const propose = await h.openModal(h.card(CLEANING_CHANNEL, order.number), "service.propose_time", "UCLEANL");
    expect(textOf(propose.blocks)).toContain("Owner's wish: Saturday morning");
    await h.submitAndDeliver(propose, "UCLEANL", picked("2026-12-05", "09:00"), () => expect(h.order(order.id).status).toBe("awaiting_confirmation"));

    expect(textOf(h.card(CLEANING_CHANNEL, order.number).blocks)).toMatch(/\*Confirmed time\*\n.*Dec 5, 09:00 \(proposed, not confirmed\)/);
    expect(h.ownerNotices("service.time_proposed")[0]?.buttons.map((button) => button.action)).toEqual(["time.confirm", "time.other"]);
    expect(h.memory.snapshot().workOrders).toEqual([]);

    await clickStale(CLEANING_CHANNEL, "service.start", order.id, "UCLEANL");
    await vi.waitFor(() => expect(h.fake.ephemerals(CLEANING_CHANNEL)).toHaveLength(1));
    expect(h.fake.ephemerals(CLEANING_CHANNEL)[0]?.text).toContain("Waiting for the owner to confirm the time");
    expect(h.order(order.id).status).toBe("awaiting_confirmation");

    await confirmServiceTime(h.ctx, { ownerUserId: "7001", caseId: order.id, proposedAt: "2026-12-05T01:00:00.000Z" });
    await h.deliver();
    const scheduled = h.card(CLEANING_CHANNEL, order.number);
    expect(textOf(scheduled.blocks)).toMatch(/S-2026-000001-01 · .* · scheduled/);
    await h.click(scheduled, "service.start", "UCLEANL");
    await vi.waitFor(() => expect(h.order(order.id).status).toBe("in_progress"));
    await h.deliver();
    await h.click(h.card(CLEANING_CHANNEL, order.number), "service.done", "UCLEANL");
    await vi.waitFor(() => expect(h.order(order.id).status).toBe("done"));
    await h.deliver();

    expect(textOf(h.card(CLEANING_CHANNEL, order.number).blocks)).toMatch(/S-2026-000001-01 · .* · done, owner inspects/);
    expect(h.ownerNotices("service.done")[0]?.buttons.map((button) => button.action)).toEqual(["work.accept", "work.problem"]);
  });

  it("a package's quote carries the weekdays and time of its visits, shown on the card as the schedule", async () => {
    const order = await h.book({ serviceType: "cleaning_monthly", priceCode: "CL-MONTHLY-WEEKLY", preferredTime: "Tuesday mornings" });

    const quote = await h.openModal(h.card(CLEANING_CHANNEL, order.number), "service.quote", "UCLEANL");
    expect(textOf(quote.blocks)).toContain("Visit days");
    await h.submitAndDeliver(
      quote,
      "UCLEANL",
      {
        ...chosen("service_item_1", "CL-MONTHLY-WEEKLY"),
        ...typed("service_quantity_1", "1"),
        service_weekdays: { service_weekdays: { type: "multi_static_select", selected_options: [{ text: { type: "plain_text", text: "Tuesday" }, value: "2" }] } },
        service_visit_time: { service_visit_time: { type: "timepicker", selected_time: "09:00" } },
        ...chosen("service_weeks", "every"),
      },
      () => expect(h.order(order.id).status).toBe("quoted"),
    );

    expect(h.order(order.id).details.packageSchedule).toEqual({ weekdays: [2], time: "09:00", weeksOfMonth: null });
    const shown = textOf(h.card(CLEANING_CHANNEL, order.number).blocks);
    expect(shown).toContain("*Visits*\nevery Tuesday 09:00");
    expect(shown).toContain("Total ¥880.00 · waiting for the owner");
    expect(h.ownerNotices("service.quoted_package")).toHaveLength(1);
  });

  it("Start while the job is still being priced on site is refused with the order's state, in the service's words", async () => {
    const order = await h.book({ serviceType: "cleaning_whole_flat", priceCode: "CL-WHOLE-FLAT", preferredTime: "Next week" });
    await scheduleSiteVisit(h.ctx, { caseId: order.id, staffUserId: "UCLEANL", at: new Date("2026-12-02T06:00:00Z") });

    await clickStale(CLEANING_CHANNEL, "service.start", order.id, "UCLEANL");

    await vi.waitFor(() => expect(h.fake.ephemerals(CLEANING_CHANNEL)).toHaveLength(1));
    expect(h.fake.ephemerals(CLEANING_CHANNEL)[0]?.text).toBe(`You cannot start ${order.number} now: it is “Site visit booked”.`);
    expect(h.order(order.id).status).toBe("site_visit");
  });

  it("a cleaner who is not the leader is told at the click who may quote, and no modal opens", async () => {
    const order = await h.book({ serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, preferredTime: "Saturday morning" });
    const views = h.fake.views().length;

    await h.click(h.card(CLEANING_CHANNEL, order.number), "service.quote", "UCLEAN1");

    await vi.waitFor(() => expect(h.fake.ephemerals(CLEANING_CHANNEL)).toHaveLength(1));
    expect(h.fake.ephemerals(CLEANING_CHANNEL)[0]).toMatchObject({ user: "UCLEAN1", text: `You are a member of Cleaning. Only the leader of Cleaning (Zhou Jing) or a manager can quote ${order.number} now.` });
    expect(h.fake.views()).toHaveLength(views);
  });

  it("Assign offers the cleaning team and hands the order to the chosen cleaner", async () => {
    const order = await h.book({ serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, preferredTime: "Saturday morning" });
    const assign = await h.openModal(h.card(CLEANING_CHANNEL, order.number), "ticket.assign", "UCLEANL");
    const sunMei = h.memory.snapshot().staff.find((member) => member.staffUserId === "UCLEAN1")?.id ?? "";

    expect(textOf(assign.blocks)).toContain("Sun Mei");
    await h.submitAndDeliver(assign, "UCLEANL", chosen("assignee", sunMei), () => expect(h.order(order.id).assigneeId).toBe(sunMei));

    expect(textOf(h.card(CLEANING_CHANNEL, order.number).blocks)).toContain("*Assignee*\nSun Mei");
  });

  it("a quantity with three decimals keeps the Quote modal open with the reason on the field", async () => {
    const order = await h.book({ serviceType: "cleaning_hourly", priceCode: "CL-HOURLY", hours: 3, preferredTime: "Saturday morning" });
    const quote = await h.openModal(h.card(CLEANING_CHANNEL, order.number), "service.quote", "UCLEANL");

    const response = await h.submit(quote, "UCLEANL", { ...chosen("service_item_1", "CL-HOURLY"), ...typed("service_quantity_1", "2.125") });

    expect(JSON.parse(response.body)).toEqual({ response_action: "errors", errors: { service_quantity_1: "A quantity above 0 with at most 2 decimals, such as 89.5." } });
    expect(h.order(order.id).status).toBe("new");
  });
});
