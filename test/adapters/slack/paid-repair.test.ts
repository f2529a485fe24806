import type { ViewOutput } from "@slack/bolt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { answerFixed } from "../../../src/core/kinds/repair/use-cases/answer-fixed.js";
import { confirmAppointment } from "../../../src/core/kinds/repair/use-cases/confirm-appointment.js";
import { proposeAppointment } from "../../../src/core/kinds/repair/use-cases/propose-appointment.js";
import { startWork } from "../../../src/core/kinds/repair/use-cases/start-work.js";
import { importPrices } from "../../../src/core/use-cases/import-prices.js";
import { recordCallback } from "../../../src/core/use-cases/record-callback.js";
import { blockActionPayload, postToBolt } from "../../../src/testing/fake-slack-server.js";
import { reportedRepair, unitRow } from "../../support/workflow-fixture.js";
import { buttonOf, buttonsOf, textOf } from "./block-text.js";
import { FRONTDESK_CHANNEL, MAINTENANCE_CHANNEL, SIGNING_SECRET, type SlackHarness, startRepair, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

const standard = [
  { code: "MT-TAP", team: "maintenance", name_zh: "更换水龙头", name_en: "Replace a tap", pricing_unit: "visit", price: "30.00", onsite_pricing: "no" },
  { code: "MT-DRAIN", team: "maintenance", name_zh: "疏通地漏或下水道", name_en: "Unclog a drain", pricing_unit: "visit", price: "80.00", onsite_pricing: "no" },
  { code: "CL-HOURLY", team: "cleaning", name_zh: "钟点清洁", name_en: "Hourly cleaning", pricing_unit: "hour", price: "50.00", onsite_pricing: "no" },
];

type Select = { options: { text: { text: string }; value: string }[]; initial_option?: { value: string } };

const item = (code: string | null) => ({ type: "static_select", selected_option: code ? { text: { type: "plain_text", text: code }, value: code } : null });
const quantity = (value: string | null) => ({ type: "plain_text_input", value });

/** What Slack sends for the five rows: every row's fields, chosen or not. */
function rows(chosen: [string | null, string | null][]) {
  const values: Record<string, Record<string, ReturnType<typeof item> | ReturnType<typeof quantity>>> = {};
  for (let row = 1; row <= 5; row += 1) {
    const [code, amount] = chosen[row - 1] ?? [null, null];
    values[`charge_item_${row}`] = { [`charge_item_${row}`]: item(code) };
    values[`charge_quantity_${row}`] = { [`charge_quantity_${row}`]: quantity(amount) };
  }
  return values as never;
}

describe("a paid repair's Done, through the real Bolt app", () => {
  let h: SlackHarness;

  afterEach(async () => {
    await h.close();
  });

  /** A repair of a unit out of warranty (paid), in progress, with its card delivered. */
  async function paidRepairInProgress(options: { prices?: boolean } = {}) {
    h = await startSlackHarness({ units: [unitRow({ handover_date: "2020-01-01", warranty_months: "12" })] });
    if (options.prices !== false) await importPrices(h.ctx, standard.map((values, index) => ({ line: index + 2, values })));
    const ticket = await reportedRepair(h.ctx);
    await startRepair(h.ctx, ticket.id);
    await h.deliver();
    return ticket;
  }

  /** The repair's card: the channel's first message, edited in place (alerts come after it). */
  const card = () => h.fake.channel(MAINTENANCE_CHANNEL)[0]!;

  async function openDone(): Promise<ViewOutput> {
    const opened = h.fake.callsOf("views.open").length;
    await h.click(card(), "ticket.done_items", "UMAINT1");
    await vi.waitFor(() => expect(h.fake.callsOf("views.open")).toHaveLength(opened + 1));
    const view = h.fake.views().at(-1);
    if (!view) throw new Error("no modal open");
    return view;
  }

  it("Done opens the items modal with the maintenance standard only, instead of completing at once", async () => {
    const ticket = await paidRepairInProgress();
    expect(buttonsOf(card().blocks).map((button) => button.action_id)).not.toContain("ticket.done");

    const view = await openDone();

    const first = (view.blocks.find((block) => block.block_id === "charge_item_1") as unknown as { element: Select }).element;
    expect(first.options.map((option) => option.text.text)).toEqual(["Unclog a drain (MT-DRAIN) ¥80.00/job", "Replace a tap (MT-TAP) ¥30.00/job"]);
    expect(view.blocks.filter((block) => block.block_id?.startsWith("charge_item_"))).toHaveLength(5);
    expect(h.ticket(ticket.id).status).toBe("in_progress");
  });

  it("its submission completes the repair with the items, and the card shows them with the total", async () => {
    const ticket = await paidRepairInProgress();
    const view = await openDone();

    const response = await h.submit(view, "UMAINT1", rows([["MT-TAP", "2"], ["MT-DRAIN", null]]));

    expect(response.body).toBe("");
    await vi.waitFor(() => expect(h.ticket(ticket.id).status).toBe("awaiting_callback"));
    expect(h.ticket(ticket.id).details.chargeLines.map(({ code, quantity: count, amountFen }) => [code, count, amountFen])).toEqual([
      ["MT-TAP", 2, 6_000],
      ["MT-DRAIN", 1, 8_000],
    ]);
    await h.deliver();
    const shown = textOf(card().blocks);
    expect(shown).toContain("Items (paid repair)");
    expect(shown).toContain("Replace a tap (MT-TAP) × 2: ¥60.00");
    expect(shown).toContain("Unclog a drain (MT-DRAIN) × 1: ¥80.00");
    expect(shown).toContain("Total: ¥140.00");
    // The front desk's callback card says what Satisfied will charge if the owner has not accepted in the bot.
    expect(textOf(h.latest(FRONTDESK_CHANNEL).blocks)).toContain("Total: ¥140.00");
  });

  it("the owner's acceptance shows on the card's history with the receipt number and amount", async () => {
    const ticket = await paidRepairInProgress();
    await h.submit(await openDone(), "UMAINT1", rows([["MT-TAP", "2"], ["MT-DRAIN", null]]));
    await vi.waitFor(() => expect(h.ticket(ticket.id).status).toBe("awaiting_callback"));

    await answerFixed(h.ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" });
    await h.deliver();

    expect(textOf(card().blocks)).toContain("recorded the fee: receipt RC-2026-000001, ¥140.00");
  });

  it("a submission without an item, with a quantity alone or an item twice keeps the modal open with the field's error", async () => {
    const ticket = await paidRepairInProgress();
    const view = await openDone();

    const none = await h.submit(view, "UMAINT1", rows([]));
    const mixed = await h.submit(view, "UMAINT1", rows([["MT-TAP", "1"], [null, "3"], ["MT-TAP", "2"], ["MT-DRAIN", "0"]]));

    expect(JSON.parse(none.body)).toEqual({ response_action: "errors", errors: { charge_item_1: "Choose at least one item done." } });
    expect(JSON.parse(mixed.body)).toEqual({
      response_action: "errors",
      errors: {
        charge_item_2: "Choose the item this quantity is for.",
        charge_item_3: "This item is chosen above already; give it one row with the whole quantity.",
        charge_quantity_4: "A quantity is a number above 0 with at most two decimals.",
      },
    });
    expect(h.ticket(ticket.id).status).toBe("in_progress");
  });

  it("without a maintenance standard loaded, Done says so to the clicker and opens nothing", async () => {
    await paidRepairInProgress({ prices: false });

    await h.click(card(), "ticket.done_items", "UMAINT1");
    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

    expect(ephemeral.payload).toMatchObject({ user: "UMAINT1", text: expect.stringContaining("No maintenance price standard is loaded yet") });
    expect(h.fake.callsOf("views.open")).toEqual([]);
  });

  it("the plain Done of an older card on a paid repair is refused with why, and completes nothing", async () => {
    const ticket = await paidRepairInProgress();
    const shown = card();
    const value = buttonOf(shown.blocks, "ticket.done_items").value ?? "";

    await postToBolt(h.url, SIGNING_SECRET, blockActionPayload({ user: "UMAINT1", channel: MAINTENANCE_CHANNEL, messageTs: shown.ts, actionId: "ticket.done", value, message: shown }));
    const ephemeral = await h.fake.waitForCall("chat.postEphemeral");

    expect(ephemeral.payload).toMatchObject({ text: "R-2026-000001 is a paid repair: record the items done from the maintenance price standard." });
    expect(h.ticket(ticket.id).status).toBe("in_progress");
  });

  it("the rework of a repair already receipted is not charged again: the modal says so and Save completes it", async () => {
    const ticket = await paidRepairInProgress();
    await h.submit(await openDone(), "UMAINT1", rows([["MT-TAP", "1"]]));
    await vi.waitFor(() => expect(h.ticket(ticket.id).status).toBe("awaiting_callback"));
    await answerFixed(h.ctx, { caseId: ticket.id, ownerUserId: "7001", answer: "yes" });
    const callback = await h.ctx.uow.transaction((store) => store.callbacks.findOpenByCase(ticket.id));
    await recordCallback(h.ctx, { callbackId: callback!.id, staffUserId: "UFRONT1", outcome: "not_fixed" });
    await proposeAppointment(h.ctx, { caseId: ticket.id, staffUserId: "UMAINT1", at: new Date(h.ctx.time.now().getTime() + 3_600_000) });
    await confirmAppointment(h.ctx, { caseId: ticket.id, ownerUserId: "7001" });
    await startWork(h.ctx, { caseId: ticket.id, staffUserId: "UMAINT1" });
    await h.deliver();

    const view = await openDone();
    expect(textOf(view.blocks)).toContain("The fee was received on receipt RC-2026-000001: this rework is not charged again.");
    expect(view.blocks.some((block) => block.block_id === "charge_item_1")).toBe(false);
    await h.submit(view, "UMAINT1", {});

    await vi.waitFor(() => expect(h.ticket(ticket.id).status).toBe("awaiting_callback"));
    expect(h.memory.snapshot().receipts).toHaveLength(1);
  });
});

describe("a warranty repair's Done is unchanged", () => {
  let h: SlackHarness;

  afterEach(async () => {
    await h.close();
  });

  it("completes at once from the card, with no items on it", async () => {
    h = await startSlackHarness();
    const ticket = await reportedRepair(h.ctx);
    await startRepair(h.ctx, ticket.id);
    await h.deliver();

    await h.click(h.latest(MAINTENANCE_CHANNEL), "ticket.done", "UMAINT1");

    await vi.waitFor(() => expect(h.ticket(ticket.id).status).toBe("awaiting_callback"));
    await h.deliver();
    expect(h.fake.callsOf("views.open")).toEqual([]);
    expect(textOf(h.latest(MAINTENANCE_CHANNEL).blocks)).not.toContain("Items (paid repair)");
  });
});
