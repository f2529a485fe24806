import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSlackSenderClient, SlackMessageSender } from "../../../src/adapters/slack/slack-message-sender.js";
import { type OutboxMessage, type OutboxPayload, recipientOf } from "../../../src/core/domain/outbox.js";
import { PermanentDeliveryError, RateLimitedError } from "../../../src/core/ports/message-sender.js";
import { claimCase } from "../../../src/core/use-cases/claim-case.js";
import { reportedRepair } from "../../support/workflow-fixture.js";
import { textOf } from "./block-text.js";
import { channelFor, FRONTDESK_CHANNEL, MAINTENANCE_CHANNEL, type SlackHarness, startSlackHarness, TOKEN } from "./slack-harness.js";
import { expectNoMissingKeys, testTranslator } from "./staff-text.js";

afterEach(expectNoMissingKeys);

function outboxMessage(payload: OutboxPayload): OutboxMessage {
  return {
    id: "outbox-1", seq: 1, channel: "slack", recipient: recipientOf(payload), payload, refKey: null, status: "sending", attempts: 0,
    notBefore: new Date(0), platformMessageId: null, lastError: null, createdAt: new Date("2026-11-30T02:00:00Z"),
  };
}

describe("SlackMessageSender against the fake Web API", () => {
  let h: SlackHarness;
  let card: OutboxMessage;
  let ticketId: string;

  beforeEach(async () => {
    h = await startSlackHarness();
    ticketId = (await reportedRepair(h.ctx)).id;
    card = outboxMessage({ type: "staff.case-card", team: "maintenance", caseId: ticketId });
  });

  afterEach(async () => {
    await h.close();
  });

  it("posts a ticket card to its team's channel and edits the same message in place on the next delivery", async () => {
    const first = await h.sender.send(card, null);
    await claimCase(h.ctx, { caseId: ticketId, staffUserId: "UMAINT1" });
    const second = await h.sender.send(card, first);

    expect(first).toEqual({ channel: MAINTENANCE_CHANNEL, messageId: expect.any(String) });
    expect(second).toEqual(first);
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);
    expect(h.fake.callsOf("chat.update")[0]?.payload).toMatchObject({ channel: MAINTENANCE_CHANNEL, ts: first.messageId });
    const shown = h.fake.channel(MAINTENANCE_CHANNEL);
    expect(shown).toHaveLength(1);
    expect(textOf(shown[0]?.blocks)).toContain("Zhang Wei");
  });

  it("renders the state at delivery time, not the state when the message was queued", async () => {
    await claimCase(h.ctx, { caseId: ticketId, staffUserId: "UMAINT1" });

    await h.sender.send(card, null);

    expect(textOf(h.fake.channel(MAINTENANCE_CHANNEL)[0]?.blocks)).toContain("Assigned");
  });

  it("posts anew when Slack no longer has the message to edit", async () => {
    const first = await h.sender.send(card, null);
    h.fake.failNext("chat.update", { error: "message_not_found" });

    const second = await h.sender.send(card, first);

    expect(second.messageId).not.toBe(first.messageId);
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(2);
  });

  it("turns a 429 into RateLimitedError with Slack's Retry-After in milliseconds", async () => {
    h.fake.failNext("chat.postMessage", { status: 429, retryAfter: 7 });

    const error = await h.sender.send(card, null).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(7000);
    expect(h.fake.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it.each(["channel_not_found", "not_in_channel", "invalid_auth"])("treats %s as permanent", async (slackError) => {
    h.fake.failNext("chat.postMessage", { error: slackError });

    await expect(h.sender.send(card, null)).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it("leaves a server error retryable", async () => {
    h.fake.failNext("chat.postMessage", { error: "internal_error" });

    const error = await h.sender.send(card, null).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect(error).not.toBeInstanceOf(RateLimitedError);
  });

  it("sends alerts to the team's channel with mentions, and verification cards to the front desk", async () => {
    const alert = outboxMessage({ type: "staff.alert", team: "maintenance", key: "alerts.owner_not_fixed", params: { number: "R-2026-000001" }, mentions: ["UMAINT1"], caseId: ticketId });

    const ref = await h.sender.send(alert, null);

    expect(ref.channel).toBe(MAINTENANCE_CHANNEL);
    expect(h.fake.channel(MAINTENANCE_CHANNEL)[0]?.text).toBe("<@UMAINT1> R-2026-000001: the owner says the repair is not fixed. It is back with the team for rectification.");
    expect(h.sender.rateRules(outboxMessage({ type: "staff.verification-card", team: "frontdesk", verificationId: "v1" }))[0]?.key).toBe(`slack:channel:${FRONTDESK_CHANNEL}`);
  });

  it("paces per channel first (1 s), then globally (100 ms)", () => {
    expect(h.sender.rateRules(card)).toEqual([
      { key: `slack:channel:${MAINTENANCE_CHANNEL}`, intervalMs: 1000 },
      { key: "slack:global", intervalMs: 100 },
    ]);
  });

  it("posts a summary drawn past Block Kit's limits folded to fit, with a line saying how many blocks are not shown, and logs only that it folded", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "info" }, { write: (line: string) => void lines.push(line) });
    const sender = new SlackMessageSender({
      client: createSlackSenderClient({ token: TOKEN, apiUrl: h.fake.apiUrl, logger: pino({ level: "silent" }) }),
      workflow: h.ctx,
      translator: testTranslator(),
      staffLocale: "en",
      channelFor,
      logger,
      digests: [
        {
          id: "test.long",
          render: async () => ({
            text: "Long summary",
            blocks: Array.from({ length: 120 }, (_, i) => ({ type: "section" as const, text: { type: "mrkdwn" as const, text: `Household 王芳 ${i}\n`.repeat(300) } })),
          }),
        },
      ],
    });

    await sender.send(outboxMessage({ type: "staff.digest", team: "frontdesk", digest: "test.long", period: "2026-11" }), null);

    const posted = h.fake.channel(FRONTDESK_CHANNEL).at(-1);
    expect(posted?.blocks).toHaveLength(50);
    expect(textOf(posted?.blocks)).toContain("… 71 more not shown");
    expect(textOf(posted?.blocks)).toMatch(/… \d+ more lines/);
    expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(expect.objectContaining({ msg: "slack message folded to fit Block Kit's limits", type: "staff.digest" }));
    expect(lines.join("\n")).not.toContain("王芳");
  });

  it("draws a periodic summary by its digest's renderer for its period, and dead-letters a digest it cannot draw", async () => {
    const sender = new SlackMessageSender({
      client: createSlackSenderClient({ token: TOKEN, apiUrl: h.fake.apiUrl, logger: pino({ level: "silent" }) }),
      workflow: h.ctx,
      translator: testTranslator(),
      staffLocale: "en",
      channelFor,
      digests: [{ id: "test.month", render: async (_workflow, period) => ({ text: `Summary of ${period}`, blocks: [] }) }],
    });

    await sender.send(outboxMessage({ type: "staff.digest", team: "frontdesk", digest: "test.month", period: "2026-11" }), null);

    expect(h.fake.channel(FRONTDESK_CHANNEL).at(-1)?.text).toBe("Summary of 2026-11");
    await expect(sender.send(outboxMessage({ type: "staff.digest", team: "frontdesk", digest: "fees.unknown", period: "2026-11" }), null)).rejects.toBeInstanceOf(PermanentDeliveryError);
  });

  it("gives up at once on a card whose ticket no longer exists", async () => {
    await expect(h.sender.send(outboxMessage({ type: "staff.case-card", team: "maintenance", caseId: "gone" }), null)).rejects.toBeInstanceOf(PermanentDeliveryError);
  });
});
