import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { App, LogLevel, webApi } from "@slack/bolt";
import type { types } from "@slack/bolt";
import {
  blockActionPayload,
  emptySlackSnapshot,
  postCommandToBolt,
  postToBolt,
  signSlackRequest,
  slashCommandBody,
  startFakeSlack,
  viewSubmissionPayload,
} from "../../src/testing/index.js";
import type { FakeSlack, SlackShownMessage } from "../../src/testing/index.js";

const TOKEN = "xoxb-fake-token";
const SIGNING_SECRET = "fake-signing-secret";
const OPS = "C0OPS00001";
const STAFF = "U0STAFF001";

const silentLogger: webApi.Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => webApi.LogLevel.ERROR,
  setName: () => undefined,
};

function approvalBlocks(label: string): types.KnownBlock[] {
  const approve: types.Button = {
    type: "button",
    action_id: "approve",
    value: "req-12",
    text: { type: "plain_text", text: "Approve" },
  };
  return [
    { type: "section", block_id: "summary", text: { type: "mrkdwn", text: `*Leak* in flat 12: ${label}` } },
    { type: "actions", block_id: "decide", elements: [approve] },
  ];
}

function modal(title: string, extra: object = {}) {
  return { type: "modal" as const, title: { type: "plain_text" as const, text: title }, blocks: [], ...extra };
}

describe("fake Slack Web API driven by a real @slack/web-api WebClient", () => {
  let slack: FakeSlack;
  let client: webApi.WebClient;

  beforeEach(async () => {
    slack = await startFakeSlack({ token: TOKEN });
    client = new webApi.WebClient(TOKEN, {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: silentLogger,
    });
  });

  afterEach(async () => {
    await slack.close();
  });

  it("shows a posted message with blocks and replaces text and blocks after chat.update", async () => {
    const posted = await client.chat.postMessage({ channel: OPS, text: "New request", blocks: approvalBlocks("open") });

    expect(posted).toMatchObject({
      ok: true,
      channel: OPS,
      ts: "1700000000.000100",
      message: { text: "New request", bot_id: expect.any(String), blocks: approvalBlocks("open") },
    });
    expect(slack.callsOf("chat.postMessage")[0]).toMatchObject({
      token: TOKEN,
      payload: { channel: OPS, text: "New request", blocks: approvalBlocks("open") },
    });

    await client.chat.update({ channel: OPS, ts: posted.ts ?? "", text: "Approved", blocks: approvalBlocks("done") });

    expect(slack.channel(OPS)).toEqual([
      expect.objectContaining({ ts: posted.ts, text: "Approved", blocks: approvalBlocks("done"), edited: expect.any(Object) }),
    ]);
  });

  it("keeps previous blocks when chat.update omits them and removes deleted messages", async () => {
    const first = await client.chat.postMessage({ channel: OPS, text: "one", blocks: approvalBlocks("one") });
    const second = await client.chat.postMessage({ channel: OPS, text: "two" });

    await client.chat.update({ channel: OPS, ts: first.ts ?? "", text: "one, edited" });
    await client.chat.delete({ channel: OPS, ts: second.ts ?? "" });

    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(slack.channel(OPS)).toEqual([expect.objectContaining({ text: "one, edited", blocks: approvalBlocks("one") })]);
  });

  it("throws WebAPIRateLimitedError with retryAfter for an injected 429", async () => {
    slack.failNext("chat.postMessage", { status: 429, retryAfter: 2 });

    const error = await client.chat.postMessage({ channel: OPS, text: "hi" }).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 2 });
    expect(slack.callsOf("chat.postMessage")[0]?.response?.status).toBe(429);
    expect(slack.channel(OPS)).toEqual([]);
  });

  it("refuses every Web API call during a forced rate-limit window with Retry-After the seconds left, on the fake's clock", async () => {
    let nowMs = Date.parse("2026-12-02T02:00:00Z");
    const stormy = await startFakeSlack({ token: TOKEN, clock: () => nowMs });
    const stormyClient = new webApi.WebClient(TOKEN, { slackApiUrl: stormy.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: silentLogger });
    try {
      const window = stormy.rateLimitFor(30);
      const first = await stormyClient.chat.postMessage({ channel: OPS, text: "refused" }).catch((e: unknown) => e);
      nowMs += 20_200;
      const later = await stormyClient.chat.update({ channel: OPS, ts: "1.000001", text: "refused too" }).catch((e: unknown) => e);
      nowMs = window.endMs;
      await stormyClient.chat.postMessage({ channel: OPS, text: "after the storm" });

      expect(first).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 30 });
      expect(later).toMatchObject({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 10 });
      expect(stormy.calls.map((call) => [call.method, call.at, call.response?.status])).toEqual([
        ["chat.postMessage", window.startMs, 429],
        ["chat.update", window.startMs + 20_200, 429],
        ["chat.postMessage", window.endMs, 200],
      ]);
      expect(stormy.channel(OPS).map((message) => message.text)).toEqual(["after the storm"]);
    } finally {
      await stormy.close();
    }
  });

  it("throws a platform error carrying Slack's error code for an injected ok:false", async () => {
    slack.failNext("chat.postMessage", { error: "channel_not_found" });

    await expect(client.chat.postMessage({ channel: OPS, text: "hi" })).rejects.toMatchObject({
      code: webApi.ErrorCode.PlatformError,
      data: { ok: false, error: "channel_not_found" },
    });
  });

  it("answers like Slack for unknown messages, invalid blocks and wrong tokens", async () => {
    await client.chat.postMessage({ channel: OPS, text: "x" });
    const tooLong = [{ type: "section", text: { type: "mrkdwn", text: "x".repeat(3001) } }];
    const stranger = new webApi.WebClient("xoxb-other", {
      slackApiUrl: slack.apiUrl,
      retryConfig: { retries: 0 },
      logger: silentLogger,
    });

    await expect(client.chat.update({ channel: OPS, ts: "1.000000", text: "y" })).rejects.toMatchObject({
      data: { error: "message_not_found" },
    });
    await expect(client.chat.postMessage({ channel: OPS, text: "x", blocks: tooLong })).rejects.toMatchObject({
      data: { error: "invalid_blocks", errors: ["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"] },
    });
    await expect(stranger.auth.test()).rejects.toMatchObject({ data: { error: "invalid_auth" } });
  });

  it("opens a DM when posting to a user id and requires the returned D… channel afterwards", async () => {
    const posted = await client.chat.postMessage({ channel: STAFF, text: "Your shift" });

    expect(posted.channel).toBe("D0STAFF001");
    expect(slack.channel(STAFF).map((m) => m.text)).toEqual(["Your shift"]);
    await expect(client.chat.update({ channel: STAFF, ts: posted.ts ?? "", text: "x" })).rejects.toMatchObject({
      data: { error: "channel_not_found" },
    });
  });

  it("records ephemerals, modals, reactions and lookups with realistic results", async () => {
    const posted = await client.chat.postMessage({ channel: OPS, text: "x" });
    await client.chat.postEphemeral({ channel: OPS, user: STAFF, text: "only you" });
    const opened = await client.views.open({
      trigger_id: "111.222.abc",
      view: modal("Close", { callback_id: "close_request", private_metadata: '{"requestId":12}' }),
    });
    await client.views.update({ view_id: opened.view?.id ?? "", view: modal("Closed") });
    await client.reactions.add({ channel: OPS, timestamp: posted.ts ?? "", name: "white_check_mark" });
    const user = await client.users.info({ user: STAFF });
    const channel = await client.conversations.info({ channel: OPS });

    expect(slack.ephemerals(OPS)).toEqual([expect.objectContaining({ user: STAFF, text: "only you" })]);
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V/),
      callback_id: "close_request",
      private_metadata: '{"requestId":12}',
    });
    expect(slack.views()).toEqual([
      expect.objectContaining({ id: opened.view?.id, title: { type: "plain_text", text: "Closed" } }),
    ]);
    expect(slack.channel(OPS)[0]?.reactions).toEqual([expect.objectContaining({ name: "white_check_mark", count: 1 })]);
    expect(user.user).toMatchObject({ id: STAFF, tz: expect.any(String), profile: { email: expect.stringContaining("@") } });
    expect(channel.channel).toMatchObject({ id: OPS, is_channel: true });
    await expect(client.views.open({ trigger_id: "111.222.abc", view: modal("Again") })).rejects.toMatchObject({
      data: { error: "exchanged_trigger_id" },
    });
  });

  it("streams answered calls to 'call' listeners, unknown methods included", async () => {
    const seen: string[] = [];
    slack.on("call", (call) => seen.push(call.method));

    await client.apiCall("bookmarks.list", { channel_id: OPS });

    expect(seen).toEqual(["bookmarks.list"]);
  });

  it("restores a snapshot: messages, ephemerals and modals come back and new timestamps sort after them", async () => {
    const posted = await client.chat.postMessage({ channel: OPS, text: "card", blocks: approvalBlocks("drips") });
    await client.chat.postEphemeral({ channel: OPS, user: STAFF, text: "only you" });
    await client.views.open({ trigger_id: "1.2.abc", view: modal("Schedule") });
    const snapshot = JSON.parse(JSON.stringify(slack.snapshot())) as ReturnType<FakeSlack["snapshot"]>;

    slack.restore(emptySlackSnapshot);
    expect(slack.channel(OPS)).toEqual([]);
    slack.restore(snapshot);
    const later = await client.chat.postMessage({ channel: OPS, text: "later" });

    expect(slack.channel(OPS).map((m) => m.text)).toEqual(["card", "later"]);
    expect(Number(later.ts)).toBeGreaterThan(Number(posted.ts));
    expect(slack.ephemerals(OPS)).toEqual([expect.objectContaining({ user: STAFF, text: "only you" })]);
    expect(slack.views().map((v) => v.title.text)).toEqual(["Schedule"]);
  });
});

describe("a Bolt App receiving signed requests and calling the fake Slack", () => {
  let slack: FakeSlack;
  let app: App;
  let eventsUrl: string;

  beforeEach(async () => {
    slack = await startFakeSlack({ token: TOKEN });
    app = new App({
      token: TOKEN,
      signingSecret: SIGNING_SECRET,
      botId: "B0FAKEBOT1",
      botUserId: "U0FAKEBOT1",
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
    });
  });

  afterEach(async () => {
    await app.stop();
    await slack.close();
  });

  async function start(): Promise<void> {
    const server = (await app.start({ port: 0, host: "127.0.0.1" })) as { address(): AddressInfo };
    eventsUrl = `http://127.0.0.1:${server.address().port}/slack/events`;
  }

  async function seedApproval(): Promise<SlackShownMessage> {
    const seeder = new webApi.WebClient(TOKEN, { slackApiUrl: slack.apiUrl, logger: silentLogger });
    await seeder.chat.postMessage({ channel: OPS, text: "Approve?", blocks: approvalBlocks("open") });
    const [message] = slack.channel(OPS);
    if (message === undefined) throw new Error("seed message missing");
    return message;
  }

  it("acks a signed block_actions POST and performs the listener's chat.update", async () => {
    app.action("approve", async ({ ack, body, client }) => {
      await ack();
      if (body.type !== "block_actions" || body.channel === undefined || body.message === undefined) return;
      const text = `Approved by <@${body.user.id}>`;
      await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text, blocks: [] });
    });
    await start();
    const message = await seedApproval();

    const payload = blockActionPayload({
      user: { id: STAFF, name: "marta" },
      channel: OPS,
      messageTs: message.ts,
      actionId: "approve",
      value: "req-12",
      message,
    });
    const response = await postToBolt(eventsUrl, SIGNING_SECRET, payload);
    const update = await slack.waitForCall("chat.update");

    expect(response.status).toBe(200);
    expect(update.payload).toMatchObject({ channel: OPS, ts: message.ts, text: `Approved by <@${STAFF}>`, blocks: [] });
    expect(slack.channel(OPS)).toEqual([expect.objectContaining({ text: `Approved by <@${STAFF}>`, blocks: [] })]);
  });

  it("rejects a request signed with the wrong secret without running the listener", async () => {
    let handled = false;
    app.action("approve", async ({ ack }) => {
      handled = true;
      await ack();
    });
    await start();

    const payload = blockActionPayload({ user: STAFF, channel: OPS, messageTs: "1.1", actionId: "approve" });
    const response = await postToBolt(eventsUrl, "not-the-secret", payload);

    expect(response.status).toBe(401);
    expect(handled).toBe(false);
  });

  it("replaces the original message through the fake's response_url", async () => {
    app.action("approve", async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: "Done" });
    });
    await start();
    const message = await seedApproval();

    const payload = blockActionPayload({
      user: STAFF,
      channel: OPS,
      messageTs: message.ts,
      actionId: "approve",
      responseUrl: slack.responseUrl(OPS, message.ts, STAFF),
    });
    await postToBolt(eventsUrl, SIGNING_SECRET, payload);
    await slack.waitForCall("response_url");

    expect(slack.channel(OPS)).toEqual([expect.objectContaining({ ts: message.ts, text: "Done" })]);
    expect(slack.channel(OPS)[0]?.blocks).toBeUndefined();
  });

  it("answers slash commands with ephemeral replies and returns view_submission acks to Slack", async () => {
    app.command("/request", async ({ ack, respond, command }) => {
      await ack();
      await respond({ text: `Looking up ${command.text}`, response_type: "ephemeral" });
    });
    app.view("close_request", async ({ ack, view }) => {
      const note = view.state.values.note?.text?.value ?? "";
      await ack({ response_action: "errors", errors: { note: `need more than ${note}` } });
    });
    await start();

    const command = slashCommandBody({
      user: STAFF,
      command: "/request",
      text: "12",
      channel: OPS,
      responseUrl: slack.responseUrl(OPS, undefined, STAFF),
    });
    const commandResponse = await postCommandToBolt(eventsUrl, SIGNING_SECRET, command);
    await slack.waitForCall("response_url");
    const submission = viewSubmissionPayload({
      user: STAFF,
      callbackId: "close_request",
      privateMetadata: "{}",
      values: { note: { text: { type: "plain_text_input", value: "ok" } } },
    });
    const submitted = await postToBolt(eventsUrl, SIGNING_SECRET, submission);

    expect(commandResponse.status).toBe(200);
    expect(slack.ephemerals(OPS)).toEqual([expect.objectContaining({ user: STAFF, text: "Looking up 12" })]);
    expect(submitted.status).toBe(200);
    expect(JSON.parse(submitted.body)).toEqual({ response_action: "errors", errors: { note: "need more than ok" } });
  });
});

describe("signSlackRequest", () => {
  it("reproduces the signature from Slack's request-signing documentation", () => {
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V" +
      "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=" +
      "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN" +
      "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    expect(signSlackRequest("8f742231b10e8888abcd99yyyzzz85a5", body, 1531420618)).toEqual({
      "x-slack-signature": "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
      "x-slack-request-timestamp": "1531420618",
    });
  });
});
