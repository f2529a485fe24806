import type { ViewOutput, ViewStateValue } from "@slack/bolt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { feeActionIds, feeInputs } from "../../../src/adapters/slack/kinds/fee/interaction.js";
import { reminderRunTask } from "../../../src/core/kinds/fee/reminder-run.js";
import { weekSummaryTask } from "../../../src/core/kinds/fee/use-cases/ladder-summary.js";
import { ensureRecurringTasks } from "../../../src/core/use-cases/ensure-recurring-tasks.js";
import type { SlackShownMessage } from "../../../src/testing/fake-slack-server.js";
import { unitRow, verifiedOwner } from "../../support/workflow-fixture.js";
import { addCharges, feeCaseOf, runDaily, runOn } from "../../core/fee/fee-steps.js";
import { textOf } from "./block-text.js";
import { pdfText } from "./pdf-text.js";
import { FRONTDESK_CHANNEL, type SlackHarness, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

type Values = Record<string, Record<string, ViewStateValue>>;

let harness: SlackHarness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
  expectNoMissingKeys();
});

const august = [
  { feeType: "property" as const, period: "2026-08", amountFen: 25_000, dueDate: "2026-08-31" },
  { feeType: "elevator" as const, period: "2026-08", amountFen: 4_550, dueDate: "2026-08-31" },
];

/**
 * Households of building 3 on the Slack harness, the reminder run and weekly summary queued:
 * 1202 (王芳, on the bot) owes August's property and elevator fees; 1203 (李雷, not on the bot)
 * owes August's property fee. The run goes daily from the due date to `until`; the cards are delivered.
 */
async function inArrears(until: string) {
  const h = await startSlackHarness({ at: "2026-08-31T09:00:00+08:00", units: [unitRow(), unitRow({ unit: "1203", owner_name: "李雷", phone: "+8613800000002" })] });
  harness = h;
  await verifiedOwner(h.ctx);
  await ensureRecurringTasks(h.ctx, [{ task: reminderRunTask }, { task: weekSummaryTask }]);
  const [unitA, unitB] = await h.ctx.uow.transaction(async (store) => [(await store.units.findByAddress("3", "1202"))!.id, (await store.units.findByAddress("3", "1203"))!.id]);
  await addCharges(h.ctx, unitA!, august);
  await addCharges(h.ctx, unitB!, [august[0]!]);
  await runDaily(h.ctx, h.time, h.memory, "2026-08-31", until);
  await h.deliver();
  const file = (await feeCaseOf(h.ctx, unitA!))!;
  const card = (): SlackShownMessage => {
    const found = h.fake.channel(FRONTDESK_CHANNEL).find((message) => message.text.startsWith(file.number));
    if (!found) throw new Error(`no card ${file.number}: ${h.fake.channel(FRONTDESK_CHANNEL).map((message) => message.text).join(" | ")}`);
    return found;
  };
  const openModal = async (actionId: string, user: string): Promise<ViewOutput> => {
    const before = h.fake.views().length;
    await h.click(card(), actionId, user);
    await vi.waitFor(() => expect(h.fake.views().length).toBe(before + 1));
    return h.fake.views().at(-1) as ViewOutput;
  };
  return { h, unitA: unitA!, unitB: unitB!, file, card, openModal };
}

const typed = (id: string, value: string): Values => ({ [id]: { [id]: { type: "plain_text_input", value } } });
const payment = (input: { feeType: string; period: string; amount: string; paidOn: string }): Values => ({
  [feeInputs.feeType]: { [feeInputs.feeType]: { type: "static_select", selected_option: { text: { type: "plain_text", text: input.feeType }, value: input.feeType } } },
  ...typed(feeInputs.period, input.period),
  ...typed(feeInputs.amount, input.amount),
  [feeInputs.paidOn]: { [feeInputs.paidOn]: { type: "datepicker", selected_date: input.paidOn } },
});

describe("fee cases in Slack", () => {
  it("shows the household's card in #frontdesk: the unit, the owner, each period's charges with the total, the stage", async () => {
    const { file, card } = await inArrears("2026-09-01");

    const shown = textOf(card().blocks);

    expect(file.number).toMatch(/^F-2026-00000[12]$/);
    expect(card().text).toBe(`${file.number} · fees in arrears · 3-1202 · Overdue · ¥295.50 · Collecting`);
    expect(shown).toContain("王芳");
    expect(shown).toContain("2026-08 · Property fee · ¥250.00 · due 2026-08-31");
    expect(shown).toContain("2026-08 · Elevator fee · ¥45.50 · due 2026-08-31");
    expect(shown).toContain("Total ¥295.50");
    expect(shown).toContain("Record payment");
  });

  it("records a payment from the modal: the staff member is told the receipt's number, the charge is paid", async () => {
    const { h, unitA, file, openModal } = await inArrears("2026-09-01");
    h.time.set("2026-09-02T15:00:00+08:00");

    const modal = await openModal(feeActionIds.recordPayment, "UFRONT1");
    // Prefilled with the oldest charge still owed, in full.
    expect(textOf(modal.blocks)).toContain("2026-08 Property fee ¥250.00");
    const response = await h.submit(modal, "UFRONT1", payment({ feeType: "property", period: "2026-08", amount: "250", paidOn: "2026-09-02" }));

    expect(response.body).toBe("");
    await vi.waitFor(() => expect(h.fake.ephemerals(FRONTDESK_CHANNEL).map((message) => message.text), JSON.stringify(h.fake.ephemerals())).toContainEqual(`Payment recorded for ${file.number}: receipt RC-2026-000001, ¥250.00.`));
    const charges = await h.ctx.uow.transaction((store) => store.charges.listByUnit(unitA));
    expect(charges.map((charge) => [charge.feeType, charge.paidFen])).toEqual([
      ["elevator", 0],
      ["property", 25_000],
    ]);
  });

  it("settles the card once a payment leaves nothing due, listing the receipts", async () => {
    const { h, file, card, openModal } = await inArrears("2026-09-01");
    h.time.set("2026-09-02T15:00:00+08:00");

    await h.submit(await openModal(feeActionIds.recordPayment, "UFRONT1"), "UFRONT1", payment({ feeType: "property", period: "2026-08", amount: "250", paidOn: "2026-09-02" }));
    await vi.waitFor(() => expect(h.fake.ephemerals(FRONTDESK_CHANNEL)).toHaveLength(1));
    const second = await openModal(feeActionIds.recordPayment, "UFRONT1");
    // The modal offers what is left: the elevator fee.
    expect(textOf(second.blocks)).not.toContain("Property fee ¥250.00");
    await h.submit(second, "UFRONT1", payment({ feeType: "elevator", period: "2026-08", amount: "45.50", paidOn: "2026-09-01" }));
    await vi.waitFor(() => expect(h.ticket(file.id).status).toBe("settled"));
    await h.deliver();

    expect(card().text).toBe(`${file.number} · fees in arrears · 3-1202 · Overdue · ¥0.00 · Settled`);
    const shown = textOf(card().blocks);
    expect(shown).toContain("Nothing outstanding");
    expect(shown).toMatch(/RC-2026-000001 · ¥250\.00/);
    expect(shown).toMatch(/RC-2026-000002 · ¥45\.50/);
    expect(shown).not.toContain("Record payment");
  });

  it("refuses in the modal an amount that is not yuan with at most two decimals, a bad period and a day to come", async () => {
    const { h, unitA, openModal } = await inArrears("2026-09-01");
    const modal = await openModal(feeActionIds.recordPayment, "UFRONT1");

    const response = await h.submit(modal, "UFRONT1", payment({ feeType: "property", period: "2026-8", amount: "250.505", paidOn: "2026-09-09" }));

    expect(JSON.parse(response.body)).toEqual({
      response_action: "errors",
      errors: {
        [feeInputs.period]: "Write the period as YYYY-MM, e.g. 2026-11.",
        [feeInputs.amount]: "Write an amount above 0 with at most two decimals, e.g. 350 or 45.50.",
        [feeInputs.paidOn]: "This day has not come yet.",
      },
    });
    const charges = await h.ctx.uow.transaction((store) => store.charges.listByUnit(unitA));
    expect(charges.every((charge) => charge.paidFen === 0)).toBe(true);
  });

  it("refuses ephemerally a payment above what is outstanding, recording nothing", async () => {
    const { h, unitA, openModal } = await inArrears("2026-09-01");
    const modal = await openModal(feeActionIds.recordPayment, "UFRONT1");

    const response = await h.submit(modal, "UFRONT1", payment({ feeType: "elevator", period: "2026-08", amount: "45.51", paidOn: "2026-09-01" }));

    expect(response.body).toBe("");
    await vi.waitFor(() => expect(h.fake.ephemerals(FRONTDESK_CHANNEL).length).toBeGreaterThan(0));
    expect(h.fake.ephemerals(FRONTDESK_CHANNEL).map((message) => message.text).join("\n")).not.toContain("RC-2026");
    const charges = await h.ctx.uow.transaction((store) => store.charges.listByUnit(unitA));
    expect(charges.every((charge) => charge.paidFen === 0)).toBe(true);
  });

  it("posts the demand letter as a PDF in the card's thread, in Chinese with the company, the DL number and the amounts", async () => {
    const { h, file, card } = await inArrears("2026-12-01");
    const letterNumber = file.details.letterNumber!;
    expect(letterNumber).toMatch(/^DL-2026-00000[12]$/);

    expect(textOf(card().blocks)).toContain(letterNumber);
    // Both households are at the letter: one letter each, in its own card's thread.
    const shared = h.fake.callsOf("files.completeUploadExternal");
    expect(shared).toHaveLength(2);
    const announced = h.fake.callsOf("files.getUploadURLExternal").find((call) => call.payload.filename === `${letterNumber}.pdf`)!;
    const fileId = (announced.response!.body as { file_id: string }).file_id;
    const posted = shared.find((call) => JSON.stringify(call.payload.files).includes(fileId))!;
    expect(posted.payload).toMatchObject({ channel_id: FRONTDESK_CHANNEL, thread_ts: card().ts });
    const text = await pdfText(h.fake.uploadedFile(fileId)!.bytes!);
    expect(text).toContain("物业服务中心");
    expect(text).toContain(letterNumber);
    expect(text).toContain("王芳业主");
    expect(text).toContain("3栋1202室");
    expect(text).toContain("2026-08物业费¥250.00");
    expect(text).toContain("2026-08电梯费¥45.50");
    expect(text).toContain("合计：¥295.50");
    expect(text).toContain("2026年12月1日");

    // The card is redrawn after every change; the letter is posted once.
    await runOn(h.ctx, h.time, "2026-12-02");
    await h.deliver();
    expect(h.fake.callsOf("files.completeUploadExternal")).toHaveLength(2);
  });

  it("records Sent by express mail with its tracking number, shown on the card", async () => {
    const { h, card, openModal } = await inArrears("2026-12-01");
    h.time.set("2026-12-01T14:00:00+08:00");

    const modal = await openModal(feeActionIds.markSent, "UFRONT1");
    expect(JSON.parse(((await h.submit(modal, "UFRONT1", typed(feeInputs.tracking, "sf")).then((response) => response.body)) || "{}")).errors).toHaveProperty(feeInputs.tracking);
    const response = await h.submit(modal, "UFRONT1", typed(feeInputs.tracking, " sf1234567890 "));
    expect(response.body).toBe("");
    await vi.waitFor(async () => {
      await h.deliver();
      expect(textOf(card().blocks)).toContain("SF1234567890 · sent");
    });
    expect(textOf(card().blocks)).not.toContain("Sent by express mail");
  });

  it("refuses Refer to legal to a front desk member, ephemerally, and refers for a manager", async () => {
    const { h, file, card } = await inArrears("2026-09-01");

    await h.click(card(), feeActionIds.referToLegal, "UFRONT1");
    await vi.waitFor(() => expect(h.fake.ephemerals(FRONTDESK_CHANNEL)).toHaveLength(1));
    expect(h.fake.ephemerals(FRONTDESK_CHANNEL)[0]).toMatchObject({ user: "UFRONT1", text: expect.stringContaining(`Only a manager can refer to legal ${file.number}.`) });
    expect(h.ticket(file.id).status).toBe("open");

    await h.click(card(), feeActionIds.referToLegal, "UMANAGR");
    await vi.waitFor(() => expect(h.ticket(file.id).status).toBe("referred"));
    await h.deliver();
    expect(card().text).toContain("Referred to legal");
  });

  it("delivers the weekly digest on Monday: households and amounts per stage, and the call list", async () => {
    const { h } = await inArrears("2026-09-07");
    await runOn(h.ctx, h.time, "2026-09-07");
    h.time.set("2026-09-07T09:00:00+08:00");
    await h.deliver();

    const digest = h.fake.channel(FRONTDESK_CHANNEL).find((message) => message.text.startsWith("Fees in arrears, 2026-W37"));
    expect(digest, h.fake.channel(FRONTDESK_CHANNEL).map((message) => message.text).join(" | ")).toBeDefined();
    const shown = textOf(digest!.blocks);
    expect(shown).toContain("*Overdue*: 2 households · ¥545.50");
    expect(shown).toContain("3-1203 · 李雷 · +8613800000002 · ¥250.00");
    expect(shown).not.toContain("3-1202 · 王芳");
  });
});
