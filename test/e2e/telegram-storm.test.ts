import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Charge } from "../../src/core/domain/fees.js";
import type { TelegramCall } from "../../src/testing/fake-telegram-server.js";
import { Harness, type OwnerPhone } from "../support/e2e-harness.js";
import { ScaledClock } from "../support/scaled-clock.js";

const households = 36;
/** The reminder run's day: 10:00 in Shanghai on Tuesday 1 December 2026, each fee due the day before. */
const runAt = new Date("2026-12-01T10:00:00+08:00");
const chatOf = (n: number) => String(610_000_000 + n);
const stormSeconds = 30;
/** The storm starts once this many reminders were accepted: in the middle of the run. */
const stormAfterReminders = 12;

/** Households with a verified owner in the bot and a property fee due the day before the run. */
async function seedHouseholds(h: Harness): Promise<void> {
  const createdAt = new Date(runAt.getTime() - 30 * 86_400_000);
  await h.app.ctx.uow.transaction(async (store) => {
    const units = await store.units.upsertMany(
      Array.from({ length: households }, (_, n) => ({ building: "9", unit: String(100 + n).padStart(4, "0"), areaM2: 90, handoverDate: "2020-06-01", warrantyMonths: 24 })),
    );
    const phone = (n: number) => `+86137${String(n).padStart(8, "0")}`;
    await store.residents.insertMany(units.map(({ unit }, n) => ({ unitId: unit.id, name: `业主${n}`, phone: phone(n), locale: "zh-CN", role: "owner", source: "registry" })));
    for (let n = 0; n < households; n++) {
      await store.identities.save({ ownerUserId: chatOf(n), chatId: chatOf(n), locale: "zh-CN", displayName: `业主${n}`, phone: phone(n), verified: true });
    }
    const charges: Charge[] = units.map(({ unit }) => ({ id: crypto.randomUUID(), unitId: unit.id, feeType: "property", period: "2026-11", amountFen: 26_850, dueDate: "2026-11-30", paidFen: 0, promisedBy: null, disputeCaseId: null, createdAt, updatedAt: createdAt }));
    await store.charges.upsertMany(charges);
  });
}

const accepted = (call: TelegramCall) => call.response?.status === 200;

describe("a Telegram 429 storm in the middle of the fee reminder run while owners are in conversations", () => {
  let h: Harness;
  // Ten times the wall clock: the storm's 30 s pass in 3 s, and every waiter shares one time line.
  const clock = new ScaledClock(new Date(runAt.getTime() - 10 * 60_000), 10);

  beforeEach(async () => {
    h = await Harness.start({ clock });
    h.time.set(new Date(runAt.getTime() - 10 * 60_000));
    await seedHouseholds(h);
  });
  afterEach(async () => {
    await h.stop();
  });

  it("nothing reaches Telegram while its retry_after runs, then every reminder and every reply arrives once, in order, none dead", async () => {
    const repairOwner = h.owner({ id: 5001, first_name: "芳", language_code: "zh-hans" }, "zh-CN");
    const complaintOwner = h.owner({ id: 5002, first_name: "Tom", language_code: "en" }, "en");
    const onboard = async (owner: OwnerPhone, phone: string) => {
      await owner.say("/start");
      await owner.shareOwnContact(phone);
      expect(owner.texts()).toContain(owner.t("owner:verify.verified"));
    };
    await onboard(repairOwner, "8613800000001");
    await onboard(complaintOwner, "8613900000002");
    // Both are mid-conversation when the run starts.
    await repairOwner.say("/repair");
    await repairOwner.press(repairOwner.t("common:category.plumbing"));
    await complaintOwner.say("/complain");
    await complaintOwner.press(complaintOwner.t("common:complaint_subject.facilities"));

    const householdChats = new Set(Array.from({ length: households }, (_, n) => chatOf(n)));
    const isReminder = (call: TelegramCall) => call.method === "sendMessage" && householdChats.has(String(call.payload.chat_id));
    let storm: { startMs: number; endMs: number } | undefined;
    let callsBeforeStorm = 0;
    h.telegram.on("call", (call) => {
      if (storm === undefined && isReminder(call) && h.telegram.calls.filter((c) => isReminder(c) && accepted(c)).length === stormAfterReminders) {
        storm = h.telegram.rateLimitFor(stormSeconds);
        callsBeforeStorm = h.telegram.calls.length;
      }
    });
    await h.tickAt(runAt);
    // The owners go on once Telegram has refused a call: their replies meet the running wait.
    await vi.waitFor(() => expect(h.telegram.calls.some((call) => call.response?.status === 429)).toBe(true), { timeout: 20_000, interval: 10 });

    await Promise.all([
      (async () => {
        await repairOwner.say("厨房水槽下面的水管漏水");
        await repairOwner.press(repairOwner.t("owner:report.photos_done"));
        await repairOwner.press((text) => text.startsWith("🏠"));
        await repairOwner.say("明天上午九点到十一点");
        await repairOwner.press(repairOwner.t("owner:report.summary.submit"));
      })(),
      (async () => {
        await complaintOwner.say("The lift on building 5 has been stuck for two days");
        await complaintOwner.say("Today, building 5");
        await complaintOwner.press(complaintOwner.t("owner:complaint_form.skip"));
        await complaintOwner.say("Sort it out, please");
        await complaintOwner.press(complaintOwner.t("owner:complaint_form.deadline.none"));
        await complaintOwner.press(complaintOwner.t("owner:report.photos_skip"));
        await complaintOwner.press(complaintOwner.t("owner:report.summary.submit"));
      })(),
    ]);
    await vi.waitFor(async () => {
      await h.delivered();
      expect(h.telegram.calls.filter((call) => isReminder(call) && accepted(call))).toHaveLength(households);
      const counts = await h.app.ctx.uow.transaction((store) => store.outbox.countByStatus());
      expect({ pending: counts.pending, sending: counts.sending }).toEqual({ pending: 0, sending: 0 });
    }, { timeout: 30_000, interval: 50 });

    // No request during the wait: the only calls inside the window are those already on their way
    // when Telegram first refused one (the outbox's next reminder), within a second of that refusal.
    const window = storm as { startMs: number; endMs: number };
    const during = h.telegram.calls.slice(callsBeforeStorm).filter((call) => call.at < window.endMs);
    const firstRefusal = during[0] as TelegramCall;
    expect(firstRefusal.response?.body).toMatchObject({ error_code: 429, parameters: { retry_after: expect.any(Number) } });
    expect(during.length).toBeLessThanOrEqual(3);
    expect(during.filter((call) => call.at - firstRefusal.at >= 1000).map((call) => [call.method, call.payload.chat_id, call.at - window.startMs])).toEqual([]);
    // Something was sent during the storm's seconds, and it all went after the window.
    expect(h.telegram.calls.filter((call) => call.at >= window.endMs && accepted(call)).length).toBeGreaterThan(households - stormAfterReminders);

    // Every household got its reminder once.
    for (const chat of householdChats) {
      expect(h.telegram.chat(chat), `chat ${chat}`).toHaveLength(1);
      expect(h.telegram.callsOf("sendMessage").filter((call) => String(call.payload.chat_id) === chat && accepted(call))).toHaveLength(1);
    }
    // Each conversation reached its end: every reply arrived, in order, or the next step would have found no button.
    expect(repairOwner.texts().join("\n")).toMatch(/R-2026-000001/);
    expect(complaintOwner.texts().join("\n")).toMatch(/C-2026-000001/);
    for (const owner of [repairOwner, complaintOwner]) {
      const sent = h.telegram.callsOf("sendMessage").filter((call) => call.payload.chat_id === owner.user.id && accepted(call));
      const texts = sent.map((call) => JSON.stringify([call.payload.text, call.payload.reply_markup]));
      expect(new Set(texts).size, "a reply delivered twice").toBe(texts.length);
      expect(sent.map((call) => call.at)).toEqual([...sent.map((call) => call.at)].sort((a, b) => a - b));
    }
    const counts = await h.app.ctx.uow.transaction((store) => store.outbox.countByStatus());
    expect(counts.dead).toBe(0);
    // What an operator sees: one count per refused call, not per message held back.
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    const refusals = h.telegram.calls.filter((call) => call.response?.status === 429).length;
    expect(metrics).toContain(`frontdesk_rate_limited_total{platform="telegram"} ${refusals}\n`);
  }, 120_000);
});
