import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { recordComplaintForOwner } from "../../src/core/kinds/complaint/use-cases/record-complaint-for-owner.js";
import { recordRepairForOwner } from "../../src/core/kinds/repair/use-cases/record-repair-for-owner.js";
import type { SlackCall } from "../../src/testing/fake-slack-server.js";
import { frontDeskChannel, Harness, staffChannel } from "../support/e2e-harness.js";
import { ScaledClock } from "../support/scaled-clock.js";

const complaints = 16;
const repairs = 4;
const receivedAt = new Date("2026-11-30T10:00:00+08:00");
/** An hour after reception: every complaint's classification clock breaches at this one tick. */
const breachAt = new Date("2026-11-30T11:00:00+08:00");
const stormSeconds = 30;
/** The storm starts once this many of the burst's messages reached Slack. */
const stormAfterCalls = 5;

const accepted = (call: SlackCall) => call.response?.status === 200;
const textOfCall = (call: SlackCall) => `${String(call.payload.text)}${JSON.stringify(call.payload.blocks ?? [])}`;

describe("a Slack 429 storm during an escalation burst", () => {
  let h: Harness;
  // Ten times the wall clock, shared by the product's rate limits and the fake's stamps and window.
  const clock = new ScaledClock(receivedAt, 10);

  beforeEach(async () => {
    h = await Harness.start({ clock });
    h.time.set(receivedAt);
  });
  afterEach(async () => {
    await h.stop();
  });

  async function drained(): Promise<void> {
    await vi.waitFor(async () => {
      await h.delivered();
      const counts = await h.app.ctx.uow.transaction((store) => store.outbox.countByStatus());
      expect({ pending: counts.pending, sending: counts.sending }).toEqual({ pending: 0, sending: 0 });
    }, { timeout: 30_000, interval: 50 });
  }

  it("nothing reaches Slack while its Retry-After runs, then every alert, card update and new card arrives once, in the order queued, none dead", async () => {
    for (let n = 0; n < complaints; n++) {
      await recordComplaintForOwner(h.app.ctx, { staffUserId: "UFRONT1", channel: "phone", building: "3", unit: "1202", caller: { name: `Caller ${n}`, phone: `+861390000${String(100 + n)}` }, subject: "noise", description: `Loud music from the flat above, call ${n}`, whenWhere: "Tonight", about: null, ownerRequest: "Make it stop", deadline: null });
    }
    await drained();
    const cards = new Map(h.slack.callsOf("chat.postMessage").filter(accepted).map((call) => [/C-2026-\d{6}/.exec(textOfCall(call))?.[0] ?? "", call]));
    expect(cards.size).toBe(complaints);

    const callsBeforeBurst = h.slack.calls.length;
    let storm: { startMs: number; endMs: number } | undefined;
    let callsBeforeStorm = 0;
    h.slack.on("call", () => {
      if (storm !== undefined || h.slack.calls.slice(callsBeforeBurst).filter(accepted).length !== stormAfterCalls) return;
      storm = h.slack.rateLimitFor(stormSeconds);
      callsBeforeStorm = h.slack.calls.length;
    });
    const printed = await h.tickAt(breachAt);
    const escalated = [...printed.matchAll(/(C-2026-\d{6})\s+escalated/g)].map((match) => match[1] as string);
    expect(escalated).toHaveLength(complaints);
    // New repairs taken by phone meanwhile: their cards go to the maintenance team's channel.
    await vi.waitFor(() => expect(h.slack.calls.some((call) => call.response?.status === 429)).toBe(true), { timeout: 20_000, interval: 10 });
    for (let n = 0; n < repairs; n++) {
      await recordRepairForOwner(h.app.ctx, { staffUserId: "UFRONT1", channel: "phone", building: "5", unit: "0801", category: "plumbing", description: `Kitchen tap drips, call ${n}`, preferredTime: "Tomorrow after 14:00", caller: { name: `Caller R${n}`, phone: `+861370000${String(100 + n)}` } });
    }
    await drained();

    // No request during the wait: only what was already on its way when Slack first refused.
    const window = storm as { startMs: number; endMs: number };
    const during = h.slack.calls.slice(callsBeforeStorm).filter((call) => call.at < window.endMs);
    const firstRefusal = during[0] as SlackCall;
    expect(firstRefusal.response?.status).toBe(429);
    expect(during.length).toBeLessThanOrEqual(2);
    expect(during.filter((call) => call.at - firstRefusal.at >= 1000).map((call) => [call.method, call.at - window.startMs])).toEqual([]);

    // Every complaint's alert went to the front desk once, each followed by its card's update, in
    // the order the tick escalated them; the storm dropped and repeated nothing.
    const burst = h.slack.calls.slice(callsBeforeBurst).filter(accepted);
    const frontDesk = burst.filter((call) => call.payload.channel === frontDeskChannel);
    const expected = escalated.flatMap((number) => [["chat.postMessage", number], ["chat.update", number]]);
    expect(frontDesk.map((call) => [call.method, /C-2026-\d{6}/.exec(textOfCall(call))?.[0]])).toEqual(expected);
    for (const call of frontDesk.filter((c) => c.method === "chat.update")) {
      const number = /C-2026-\d{6}/.exec(textOfCall(call))?.[0] ?? "";
      expect(call.payload.ts, number).toBe((cards.get(number)?.response?.body as { ts?: string } | undefined)?.ts);
    }
    for (const call of frontDesk.filter((c) => c.method === "chat.postMessage")) expect(String(call.payload.text)).toContain("<@UFRONTL>");
    // The repairs' new cards arrived once each.
    const repairCards = burst.filter((call) => call.payload.channel === staffChannel && call.method === "chat.postMessage").map((call) => /R-2026-\d{6}/.exec(textOfCall(call))?.[0]);
    expect([...repairCards].sort()).toEqual(Array.from({ length: repairs }, (_, n) => `R-2026-00000${n + 1}`));
    const counts = await h.app.ctx.uow.transaction((store) => store.outbox.countByStatus());
    expect(counts.dead).toBe(0);
    // What an operator sees: one count per refused call, not per message held back.
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    const refusals = h.slack.calls.filter((call) => call.response?.status === 429).length;
    expect(metrics).toContain(`frontdesk_rate_limited_total{platform="slack"} ${refusals}\n`);
  }, 120_000);
});
