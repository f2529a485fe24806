import { createHmac } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { blockActionPayload, postSignedToBolt, postToBolt } from "../../../src/testing/fake-slack-server.js";
import { reportedRepair } from "../../support/workflow-fixture.js";
import { buttonOf } from "./block-text.js";
import { MAINTENANCE_CHANNEL, SIGNING_SECRET, type SlackHarness, startSlackHarness } from "./slack-harness.js";
import { expectNoMissingKeys } from "./staff-text.js";

afterEach(expectNoMissingKeys);

describe("requests to /slack/events", () => {
  let h: SlackHarness;
  let claim: Parameters<typeof postToBolt>[2];

  beforeEach(async () => {
    h = await startSlackHarness();
    await reportedRepair(h.ctx);
    await h.deliver();
    const card = h.latest(MAINTENANCE_CHANNEL);
    claim = blockActionPayload({ user: "UMAINT1", channel: MAINTENANCE_CHANNEL, messageTs: card.ts, actionId: "ticket.claim", value: buttonOf(card.blocks, "ticket.claim").value ?? "", message: card });
  });

  afterEach(async () => {
    await h.close();
  });

  const nowSec = () => Math.floor(Date.now() / 1000);

  it("are refused with 401 and change nothing when signed more than 300 s ago", async () => {
    const response = await postToBolt(h.url, SIGNING_SECRET, claim, nowSec() - 301);

    expect(response.status).toBe(401);
    expect(h.memory.snapshot().inbox).toEqual([]);
  });

  it("are refused with 401 and change nothing when signed more than 300 s in the future", async () => {
    const response = await postToBolt(h.url, SIGNING_SECRET, claim, nowSec() + 301);

    expect(response.status).toBe(401);
    expect(h.memory.snapshot().inbox).toEqual([]);
  });

  it("are refused with 401 when signed with another secret", async () => {
    const response = await postToBolt(h.url, "not-the-secret", claim);

    expect(response.status).toBe(401);
  });

  it("are refused with 401 and change nothing when signed as v1 over v1:ts:body (Slack signs only v0)", async () => {
    const rawBody = new URLSearchParams({ payload: JSON.stringify(claim) }).toString();
    const ts = nowSec();
    const v1 = createHmac("sha256", SIGNING_SECRET).update(`v1:${ts}:${rawBody}`).digest("hex");
    const response = await fetch(h.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-slack-request-timestamp": String(ts), "x-slack-signature": `v1=${v1}` },
      body: rawBody,
    });

    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.memory.snapshot().inbox).toEqual([]);
    expect(h.memory.snapshot().cases[0]?.status).toBe("new");
  });

  it("are refused with 400 before Bolt when signed but not an interaction Bolt can handle", async () => {
    const { user: _user, ...withoutUser } = claim as Record<string, unknown>;
    const bodies: [string, string][] = [
      ["block_actions without user", new URLSearchParams({ payload: JSON.stringify(withoutUser) }).toString()],
      ["actions: null", new URLSearchParams({ payload: JSON.stringify({ ...claim, actions: null }) }).toString()],
      ["actions: []", new URLSearchParams({ payload: JSON.stringify({ ...claim, actions: [] }) }).toString()],
      ["payload=null", "payload=null"],
      ["payload=[1,2]", "payload=%5B1%2C2%5D"],
      ["payload=\"x\"", "payload=%22x%22"],
      ["view_submission without view", new URLSearchParams({ payload: JSON.stringify({ type: "view_submission", user: { id: "UMAINT1" } }) }).toString()],
      ["unknown type", new URLSearchParams({ payload: JSON.stringify({ type: "mystery", user: { id: "UMAINT1" } }) }).toString()],
    ];
    for (const [what, rawBody] of bodies) {
      const response = await postSignedToBolt(h.url, SIGNING_SECRET, rawBody, "application/x-www-form-urlencoded");

      expect(response.status, what).toBe(400);
      expect(response.body, what).not.toMatch(/unhandled error/i);
    }
    expect(h.memory.snapshot().inbox).toEqual([]);
  });

  it("are accepted within the window, slightly ahead of our clock", async () => {
    const response = await postToBolt(h.url, SIGNING_SECRET, claim, nowSec() + 60);

    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(h.memory.snapshot().cases[0]?.status).toBe("assigned"));
  });
});

describe("the Slack app manifest", () => {
  it("sends interactivity to the receiver's endpoint over HTTP, not socket mode, with the scopes the adapter and doctor use", async () => {
    const manifest = await readFile("slack-app-manifest.yaml", "utf8");

    expect(manifest).toMatch(/^\s+request_url: https:\/\/YOUR-HOST\/slack\/events$/m);
    expect(manifest).toMatch(/^\s+socket_mode_enabled: false$/m);
    expect(manifest).toMatch(/^\s+name: Front Desk$/m);
    expect([...manifest.matchAll(/^\s+- ([a-z.:]+)$/gm)].map((match) => match[1])).toEqual(["chat:write", "files:write", "channels:read", "groups:read"]);
  });
});
