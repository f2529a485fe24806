import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { blockActionPayload, postToBolt } from "../../../src/testing/fake-slack-server.js";
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

  it("are accepted within the window, slightly ahead of our clock", async () => {
    const response = await postToBolt(h.url, SIGNING_SECRET, claim, nowSec() + 60);

    expect(response.status).toBe(200);
    await vi.waitFor(() => expect(h.memory.snapshot().cases[0]?.status).toBe("assigned"));
  });
});

describe("the Slack app manifest", () => {
  it("sends interactivity to the receiver's endpoint over HTTP, not socket mode, with the scopes the adapter uses", async () => {
    const manifest = await readFile("slack-app-manifest.yaml", "utf8");

    expect(manifest).toMatch(/^\s+request_url: https:\/\/YOUR-HOST\/slack\/events$/m);
    expect(manifest).toMatch(/^\s+socket_mode_enabled: false$/m);
    expect(manifest).toMatch(/^\s+name: Front Desk$/m);
    expect([...manifest.matchAll(/^\s+- ([a-z.:]+)$/gm)].map((match) => match[1])).toEqual(["chat:write", "files:write"]);
  });
});
