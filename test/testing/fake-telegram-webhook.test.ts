import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Api, GrammyError } from "grammy";
import { startFakeTelegram, textMessageUpdate } from "../../src/testing/index.js";
import type { FakeTelegram } from "../../src/testing/index.js";

const TOKEN = "123456:TEST-token";

describe("fake Telegram's webhook registration, as Telegram keeps it", () => {
  let telegram: FakeTelegram;
  let api: Api;

  beforeEach(async () => {
    telegram = await startFakeTelegram({ token: TOKEN });
    api = new Api(TOKEN, { apiRoot: telegram.apiRoot });
  });

  afterEach(async () => {
    await telegram.close();
  });

  it("reports no webhook until one is set, then its URL and update types but never its secret", async () => {
    expect((await api.getWebhookInfo()).url).toBe("");

    await api.setWebhook("https://desk.example.com/telegram/webhook", { secret_token: "s3cret_value", allowed_updates: ["message", "callback_query"] });
    const info = await api.getWebhookInfo();

    expect(info).toMatchObject({ url: "https://desk.example.com/telegram/webhook", pending_update_count: 0, allowed_updates: ["message", "callback_query"] });
    expect(JSON.stringify(info)).not.toContain("s3cret_value");
    expect(telegram.webhook()).toMatchObject({ url: "https://desk.example.com/telegram/webhook", secretToken: "s3cret_value" });
  });

  it("refuses a webhook that is not HTTPS, as Telegram does", async () => {
    const error = await api.setWebhook("http://desk.example.com/telegram/webhook").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GrammyError);
    expect((error as GrammyError).error_code).toBe(400);
    expect(telegram.webhook()).toBeNull();
  });

  it("shows a failed delivery and the updates waiting for the webhook", async () => {
    await api.setWebhook("https://desk.example.com/telegram/webhook", { secret_token: "right" });
    telegram.pushUpdate(textMessageUpdate({ user: { id: 42, first_name: "Li" }, text: "hello" }));
    telegram.webhookDeliveryFailed("Wrong response from the webhook: 401 Unauthorized");

    const info = await api.getWebhookInfo();

    expect(info.pending_update_count).toBe(1);
    expect(info.last_error_message).toBe("Wrong response from the webhook: 401 Unauthorized");
    expect(info.last_error_date).toBeGreaterThan(0);
  });

  it("refuses getUpdates while a webhook is set (409) and serves it again after deleteWebhook", async () => {
    await api.setWebhook("https://desk.example.com/telegram/webhook");

    const error = await api.getUpdates({ timeout: 0 }).catch((e: unknown) => e);
    expect((error as GrammyError).error_code).toBe(409);
    expect((error as GrammyError).description).toContain("webhook is active");

    await api.deleteWebhook();
    expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
    expect((await api.getWebhookInfo()).url).toBe("");
  });
});
