import { afterEach, describe, expect, it } from "vitest";
import { webApi } from "@slack/bolt";
import { startFakeSlack } from "../../src/testing/index.js";
import type { FakeSlack, FakeSlackOptions } from "../../src/testing/index.js";

const TOKEN = "xoxb-fake-token";
const STAFF = "C0STAFF001";
const ELSEWHERE = "C0OTHER001";

const silentLogger: webApi.Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => webApi.LogLevel.ERROR,
  setName: () => undefined,
};

describe("fake Slack's channel membership and token scopes, as Slack answers them", () => {
  let slack: FakeSlack | undefined;

  async function clientOf(options: FakeSlackOptions): Promise<webApi.WebClient> {
    slack = await startFakeSlack({ token: TOKEN, ...options });
    return new webApi.WebClient(TOKEN, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logger: silentLogger });
  }

  afterEach(async () => {
    await slack?.close();
    slack = undefined;
  });

  it("says the bot is not a member of a channel it was never invited to, and refuses posts there", async () => {
    const client = await clientOf({ channels: { [ELSEWHERE]: { name: "general", is_member: false } } });

    expect((await client.conversations.info({ channel: STAFF })).channel?.is_member).toBe(true);
    expect((await client.conversations.info({ channel: ELSEWHERE })).channel).toMatchObject({ name: "general", is_member: false });
    await expect(client.chat.postMessage({ channel: ELSEWHERE, text: "x" })).rejects.toMatchObject({ data: { error: "not_in_channel" } });
  });

  it("gives the token's scopes with every answer and refuses a method whose scope is missing", async () => {
    const client = await clientOf({ scopes: ["chat:write", "files:write"] });

    const auth = await client.auth.test();
    expect(auth.response_metadata?.scopes).toEqual(["chat:write", "files:write"]);
    await expect(client.conversations.info({ channel: STAFF })).rejects.toMatchObject({
      data: { error: "missing_scope", needed: "channels:read", provided: "chat:write,files:write" },
    });
    expect((await client.chat.postMessage({ channel: STAFF, text: "x" })).ok).toBe(true);
  });

  it("asks groups:read for a private channel's info", async () => {
    const client = await clientOf({ scopes: ["chat:write", "channels:read"], channels: { [STAFF]: { is_private: true } } });

    await expect(client.conversations.info({ channel: STAFF })).rejects.toMatchObject({ data: { error: "missing_scope", needed: "groups:read" } });
  });
});
