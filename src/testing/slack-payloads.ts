import { createHmac, randomBytes } from "node:crypto";
import type {
  BlockAction,
  ButtonAction,
  GlobalShortcut,
  SlashCommand,
  ViewOutput,
  ViewStateValue,
  ViewSubmitAction,
} from "@slack/bolt";

/** A Slack user as tests describe them: a bare id (`"U0STAFF1"`) or an id with a handle. */
export type FakeSlackUser = string | { id: string; name?: string };

/** Workspace defaults shared by the payload builders and the fake Slack server. */
export const FAKE_SLACK_TEAM = {
  id: "T0FAKE0001",
  domain: "frontdesk-test",
  name: "Front Desk Test",
  appId: "A0FAKEAPP1",
  botId: "B0FAKEBOT1",
  botUserId: "U0FAKEBOT1",
} as const;

/** The legacy verification token Slack still puts in interactive payloads (Bolt ignores it). */
const VERIFICATION_TOKEN = "fake-verification-token";

function userOf(user: FakeSlackUser): { id: string; name: string } {
  if (typeof user === "string") return { id: user, name: user.toLowerCase() };
  return { id: user.id, name: user.name ?? user.id.toLowerCase() };
}

function digits(length: number): string {
  return Array.from({ length }, () => Math.floor(Math.random() * 10)).join("");
}

/** A trigger id shaped like Slack's (`"1234567890123.1234567890.0a1b…"`); Slack accepts each one once, within 3 s. */
export function fakeTriggerId(): string {
  return `${digits(13)}.${digits(10)}.${randomBytes(16).toString("hex")}`;
}

function hooksUrl(kind: "actions" | "commands"): string {
  return `https://hooks.slack.com/${kind}/${FAKE_SLACK_TEAM.id}/${digits(13)}/${randomBytes(12).toString("hex")}`;
}

function actionTs(): string {
  return `${(Date.now() / 1000).toFixed(6)}`;
}

/** The message an action was taken on, as Slack echoes it in `block_actions`. */
export interface ActedMessage {
  ts: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  user?: string;
  bot_id?: string;
  app_id?: string;
  team?: string;
  thread_ts?: string;
  channel?: string;
}

function withoutChannel(message: ActedMessage | undefined): Partial<Omit<ActedMessage, "channel">> {
  if (message === undefined) return {};
  const { channel: _channel, ...rest } = message;
  return rest;
}

/**
 * A `block_actions` payload for a button click in a channel message, shaped like Slack's (and Bolt's `BlockAction`).
 * Pass the shown message (e.g. `fakeSlack.channel(id).at(-1)`) as `message` so listeners see its blocks, and
 * `responseUrl: fakeSlack.responseUrl(channel, ts)` if the listener calls `respond()`.
 */
export function blockActionPayload(input: {
  user: FakeSlackUser;
  channel: string;
  messageTs: string;
  actionId: string;
  value?: string;
  blockId?: string;
  triggerId?: string;
  message?: ActedMessage;
  buttonText?: string;
  channelName?: string;
  responseUrl?: string;
}): BlockAction<ButtonAction> {
  const user = userOf(input.user);
  const action: ButtonAction = {
    type: "button",
    action_id: input.actionId,
    block_id: input.blockId ?? randomBytes(3).toString("base64url"),
    text: { type: "plain_text", text: input.buttonText ?? input.value ?? input.actionId, emoji: true },
    action_ts: actionTs(),
    ...(input.value !== undefined ? { value: input.value } : {}),
  };
  return {
    type: "block_actions",
    user: { id: user.id, username: user.name, name: user.name, team_id: FAKE_SLACK_TEAM.id },
    api_app_id: FAKE_SLACK_TEAM.appId,
    token: VERIFICATION_TOKEN,
    container: { type: "message", message_ts: input.messageTs, channel_id: input.channel, is_ephemeral: false },
    trigger_id: input.triggerId ?? fakeTriggerId(),
    team: { id: FAKE_SLACK_TEAM.id, domain: FAKE_SLACK_TEAM.domain },
    is_enterprise_install: false,
    channel: { id: input.channel, name: input.channelName ?? "frontdesk" },
    message: { type: "message", text: "", ...withoutChannel(input.message), ts: input.messageTs },
    state: { values: {} },
    response_url: input.responseUrl ?? hooksUrl("actions"),
    actions: [action],
  };
}

/** The modal fields of a `view_submission`; pass a view returned by `FakeSlack.views()` to submit that modal. */
export interface SubmittedView {
  id?: string;
  callback_id?: string;
  private_metadata?: string;
  blocks?: unknown[];
  title?: { type: "plain_text"; text: string };
  hash?: string;
}

/**
 * A `view_submission` payload (Bolt's `ViewSubmitAction`). `values` is `view.state.values`:
 * `{ [blockId]: { [actionId]: { type: "plain_text_input", value: "…" } } }`.
 */
export function viewSubmissionPayload(input: {
  user: FakeSlackUser;
  callbackId?: string;
  privateMetadata?: string;
  values: Record<string, Record<string, ViewStateValue>>;
  view?: SubmittedView;
  triggerId?: string;
}): ViewSubmitAction {
  const user = userOf(input.user);
  const id = input.view?.id ?? `V0${randomBytes(5).toString("hex").toUpperCase()}`;
  const view: ViewOutput = {
    id,
    team_id: FAKE_SLACK_TEAM.id,
    type: "modal",
    blocks: (input.view?.blocks ?? []) as ViewOutput["blocks"],
    private_metadata: input.privateMetadata ?? input.view?.private_metadata ?? "",
    callback_id: input.callbackId ?? input.view?.callback_id ?? "",
    state: { values: input.values },
    hash: input.view?.hash ?? `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
    title: { type: "plain_text", text: input.view?.title?.text ?? "Front desk", emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: { type: "plain_text", text: "Cancel", emoji: true },
    submit: { type: "plain_text", text: "Submit", emoji: true },
    previous_view_id: null,
    root_view_id: id,
    app_id: FAKE_SLACK_TEAM.appId,
    external_id: "",
    app_installed_team_id: FAKE_SLACK_TEAM.id,
    bot_id: FAKE_SLACK_TEAM.botId,
  };
  return {
    type: "view_submission",
    team: { id: FAKE_SLACK_TEAM.id, domain: FAKE_SLACK_TEAM.domain },
    user: { id: user.id, name: user.name, team_id: FAKE_SLACK_TEAM.id },
    api_app_id: FAKE_SLACK_TEAM.appId,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? fakeTriggerId(),
    view,
    response_urls: [],
    is_enterprise_install: false,
  };
}

/** A global shortcut's payload (Bolt's `GlobalShortcut`), as Slack posts it when a user picks it. */
export function globalShortcutPayload(input: { user: FakeSlackUser; callbackId: string; triggerId?: string }): GlobalShortcut {
  const user = userOf(input.user);
  return {
    type: "shortcut",
    callback_id: input.callbackId,
    trigger_id: input.triggerId ?? fakeTriggerId(),
    action_ts: actionTs(),
    team: { id: FAKE_SLACK_TEAM.id, domain: FAKE_SLACK_TEAM.domain },
    user: { id: user.id, username: user.name, team_id: FAKE_SLACK_TEAM.id },
    token: VERIFICATION_TOKEN,
    is_enterprise_install: false,
  };
}

/** The fields of a slash command request (Slack form-encodes them as top-level fields, not `payload=`). */
export function slashCommandBody(input: {
  user: FakeSlackUser;
  command: string;
  text?: string;
  channel: string;
  channelName?: string;
  triggerId?: string;
  responseUrl?: string;
}): SlashCommand {
  const user = userOf(input.user);
  return {
    token: VERIFICATION_TOKEN,
    team_id: FAKE_SLACK_TEAM.id,
    team_domain: FAKE_SLACK_TEAM.domain,
    channel_id: input.channel,
    channel_name: input.channelName ?? "frontdesk",
    user_id: user.id,
    user_name: user.name,
    command: input.command.startsWith("/") ? input.command : `/${input.command}`,
    text: input.text ?? "",
    api_app_id: FAKE_SLACK_TEAM.appId,
    is_enterprise_install: "false",
    response_url: input.responseUrl ?? hooksUrl("commands"),
    trigger_id: input.triggerId ?? fakeTriggerId(),
  };
}

/** Slack's request-signing headers: `x-slack-signature: v0=HMAC-SHA256(secret, "v0:{ts}:{rawBody}")` in hex. */
export function signSlackRequest(
  signingSecret: string,
  rawBody: string,
  timestampSec: number = Math.floor(Date.now() / 1000),
): { "x-slack-signature": string; "x-slack-request-timestamp": string } {
  const signature = createHmac("sha256", signingSecret).update(`v0:${timestampSec}:${rawBody}`).digest("hex");
  return { "x-slack-signature": `v0=${signature}`, "x-slack-request-timestamp": String(timestampSec) };
}

/** What a Bolt receiver answered. `body` is the raw text (empty for a plain `ack()`). */
export interface BoltResponse {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/** POSTs `rawBody` to a Bolt endpoint (e.g. `http://127.0.0.1:PORT/slack/events`) signed as Slack signs it. */
export async function postSignedToBolt(
  url: string,
  signingSecret: string,
  rawBody: string,
  contentType: string,
  timestampSec?: number,
): Promise<BoltResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, ...signSlackRequest(signingSecret, rawBody, timestampSec) },
    body: rawBody,
  });
  const headers = Object.fromEntries(response.headers.entries());
  return { status: response.status, body: await response.text(), headers };
}

/** POSTs an interactive payload (block_actions, view_submission, …) as Slack does: signed `payload=<json>` form. */
export function postToBolt(
  url: string,
  signingSecret: string,
  payload: object,
  timestampSec?: number,
): Promise<BoltResponse> {
  const rawBody = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSignedToBolt(url, signingSecret, rawBody, "application/x-www-form-urlencoded", timestampSec);
}

/** POSTs a slash command as Slack does: its fields form-encoded at top level, signed. */
export function postCommandToBolt(
  url: string,
  signingSecret: string,
  command: SlashCommand,
  timestampSec?: number,
): Promise<BoltResponse> {
  const fields = Object.entries(command).filter((entry): entry is [string, string] => typeof entry[1] === "string");
  const rawBody = new URLSearchParams(fields).toString();
  return postSignedToBolt(url, signingSecret, rawBody, "application/x-www-form-urlencoded", timestampSec);
}
