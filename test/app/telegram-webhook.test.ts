import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandUpdate } from "../../src/testing/telegram-updates.js";
import { Harness } from "../support/e2e-harness.js";

const secret = "e2e-webhook-secret";
const owner = { id: 9301, first_name: "Tom", language_code: "en" };

describe("POST /telegram/webhook", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.start({ logLevel: "info" });
  });

  afterAll(async () => {
    await h.stop();
  });

  const post = async (body: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${h.url}/telegram/webhook`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret, ...headers },
      body,
    });
    return { status: response.status, text: await response.text(), type: response.headers.get("content-type") ?? "" };
  };
  const noStackPage = (response: { text: string }) => {
    expect(response.text).not.toMatch(/<!DOCTYPE|<pre>|\bat .+:\d+:\d+/);
  };

  it("handles an update sent with the right secret", async () => {
    const response = await post(JSON.stringify(commandUpdate({ user: owner, command: "start" })));

    expect(response.status).toBe(200);
    await h.delivered();
    expect(h.telegram.chat(owner.id).length).toBeGreaterThan(0);
  });

  it("refuses a body over 1 MB with 413 and handles none of it, even with the right secret", async () => {
    const sentBefore = h.telegram.callsOf("sendMessage").length;
    const update = commandUpdate({ user: owner, command: "start" });
    const response = await post(JSON.stringify({ ...update, padding: "x".repeat(2 * 1024 * 1024) }));

    expect(response.status).toBe(413);
    noStackPage(response);
    await h.delivered();
    expect(h.telegram.callsOf("sendMessage")).toHaveLength(sentBefore);
  });

  it("refuses what is not an update object with 400, never with a stack page", async () => {
    for (const body of ["{not json", "", "null", "[1,2]", "42", '"update"', "{}", '{"update_id":"7"}', '{"update_id":-1}']) {
      const response = await post(body);

      expect(response.status, body).toBe(400);
      noStackPage(response);
    }
    expect(h.logs()).toContainEqual(expect.objectContaining({ msg: "telegram webhook request refused", status: 400, reason: expect.any(String) }));
  });

  it("refuses a request without the secret with 401 before reading its body", async () => {
    const response = await post(JSON.stringify(commandUpdate({ user: owner, command: "start" })), { "x-telegram-bot-api-secret-token": "wrong" });

    expect(response.status).toBe(401);
    noStackPage(response);
  });

  it("answers a failure of any other route with a plain status, never a stack page", async () => {
    const response = await fetch(`${h.url}/slack/events`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });

    expect(response.status).toBeGreaterThanOrEqual(400);
    noStackPage({ text: await response.text() });
  });
});

describe("POST /telegram/webhook while the bot is still starting", () => {
  it("holds an update that arrives before getMe has answered and handles it once it has, instead of failing it", async () => {
    const h = await Harness.start({ logLevel: "info" });
    try {
      // A second instance started as npm start starts it: listening before it knows its own user.
      const getMe = h.telegram.holdNext("getMe");
      const url = await h.another({ telegramBotInfo: undefined, awaitTelegram: false });
      while (!h.telegram.calls.some((call) => call.method === "getMe")) await new Promise((resolve) => setTimeout(resolve, 10));
      let answered = false;
      const response = fetch(`${url}/telegram/webhook`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
        body: JSON.stringify(commandUpdate({ user: owner, command: "start" })),
      }).then((r) => ((answered = true), r.status));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);

      getMe.release();

      expect(await response).toBe(200);
      await h.delivered();
      expect(h.telegram.chat(owner.id).at(-1)?.text).toMatch(/welcome|share/i);
      expect(h.logs()).not.toContainEqual(expect.objectContaining({ msg: "telegram webhook update failed" }));
    } finally {
      await h.stop();
    }
  });
});
