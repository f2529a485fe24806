import type { ViewOutput } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ServiceCase } from "../../../src/core/kinds/service/details.js";
import { globalShortcutPayload, postToBolt } from "../../../src/testing/fake-slack-server.js";
import { textOf } from "./block-text.js";
import { chosen, type ServiceHarness, startServiceHarness, typed, type Values } from "./service-harness.js";
import { CLEANING_CHANNEL, SIGNING_SECRET } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("the front desk's form takes service orders (global shortcut new_request), through the real Bolt app", () => {
  let h: ServiceHarness;

  beforeEach(async () => {
    h = await startServiceHarness();
  });

  afterEach(async () => {
    await h.close();
  });

  async function detailsStep(channel: string): Promise<ViewOutput> {
    await postToBolt(h.url, SIGNING_SECRET, globalShortcutPayload({ user: "UFRONT1", callbackId: "new_request" }));
    await h.fake.waitForCall("views.open");
    const form = h.fake.views().at(-1)!;
    const response = await h.submit(form, "UFRONT1", { ...chosen("intake_kind", "service"), ...chosen("intake_channel", channel), ...typed("intake_building", "3"), ...typed("intake_unit", "1202") });
    return JSON.parse(response.body).view as ViewOutput;
  }

  const residentId = () => h.memory.snapshot().residents.find((resident) => resident.phone === "+8613800000001")?.id ?? "";
  const orders = () => h.memory.snapshot().cases.filter((row) => row.kind === "service") as ServiceCase[];
  const request = (overrides: Values = {}): Values => ({
    ...chosen("intake_caller", residentId()),
    ...typed("intake_new_name", ""),
    ...typed("intake_new_phone", ""),
    ...chosen("intake_service_item", "cleaning_whole_flat:CL-WHOLE-FLAT"),
    ...typed("intake_service_area", ""),
    ...typed("intake_service_hours", ""),
    ...typed("intake_service_requests", "业主要求带梯子擦高窗"),
    ...typed("intake_service_preferred_time", "下周六上午"),
    ...overrides,
  });

  it("records a whole-flat clean taken by phone for the named owner, with the unit's area, priced on site, its card in #cleaning", async () => {
    const details = await detailsStep("phone");
    expect(textOf(details.blocks)).toContain("*3-1202* · Paid service · By phone");
    expect(JSON.stringify(details.blocks)).toContain('"label":{"type":"plain_text","text":"Whole-flat / move-in cleaning"');

    const done = await h.submit(details, "UFRONT1", request());

    expect(JSON.parse(done.body).view.blocks[0].text.text).toBe("Recorded as S-2026-000001. Tell the caller this number; the team's leader agrees the price and the time with them.");
    expect(orders()[0]).toMatchObject({
      number: "S-2026-000001",
      team: "cleaning",
      status: "new",
      details: { serviceType: "cleaning_whole_flat", priceCode: "CL-WHOLE-FLAT", areaM2: 89.5, estimateFen: null, intakeChannel: "phone", specialRequests: "业主要求带梯子擦高窗", preferredTime: "下周六上午" },
    });
    await h.deliver();
    const card = textOf(h.card(CLEANING_CHANNEL, "S-2026-000001").blocks);
    expect(card).toContain("*Taken*\nBy phone");
    expect(card).toContain("*Price*\nPriced on site (from ¥8.00)");
  });

  it("keeps the form open with every wrong field at once: no service chosen, an area that is not a number, no preferred time", async () => {
    const details = await detailsStep("counter");

    const refused = await h.submit(details, "UFRONT1", request({ ...chosen("intake_service_item", null), ...typed("intake_service_area", "ninety"), ...typed("intake_service_preferred_time", "") }));

    expect(JSON.parse(refused.body)).toEqual({
      response_action: "errors",
      errors: { intake_service_item: "Choose the service.", intake_service_area: "A number above 0, such as 89.5.", intake_service_preferred_time: "Please fill this in." },
    });
    expect(orders()).toEqual([]);
  });

  it("refuses a service order by letter on the channel field", async () => {
    await postToBolt(h.url, SIGNING_SECRET, globalShortcutPayload({ user: "UFRONT1", callbackId: "new_request" }));
    await h.fake.waitForCall("views.open");

    const response = await h.submit(h.fake.views().at(-1)!, "UFRONT1", { ...chosen("intake_kind", "service"), ...chosen("intake_channel", "letter"), ...typed("intake_building", "3"), ...typed("intake_unit", "1202") });

    expect(JSON.parse(response.body).errors.intake_channel).toBe("“By letter” is not offered for Paid service: choose By phone or At the counter.");
  });
});
