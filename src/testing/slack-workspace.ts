import type { ViewOutput } from "@slack/bolt";
import { isRecord } from "./fake-http.js";
import { blockKitErrors } from "./slack-blocks.js";
import { FAKE_SLACK_TEAM } from "./slack-payloads.js";

/** A Web API error: answered as HTTP 200 `{ ok: false, error, ...extra }` (404 on a response_url). */
export class SlackApiError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

/** A message as currently shown in a channel. */
export interface SlackShownMessage {
  type: "message";
  channel: string;
  ts: string;
  text: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  blocks?: unknown[];
  attachments?: unknown[];
  thread_ts?: string;
  /** Files shared into the message (files.completeUploadExternal). */
  files?: { id: string; name: string; title: string }[];
  metadata?: unknown;
  edited?: { user: string; ts: string };
  reactions?: { name: string; users: string[]; count: number }[];
}

/** An ephemeral message: visible to `user` only, never updatable through chat.update. */
export interface SlackEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
}

/** Seeds for users.info and conversations.info; unseeded ids get synthesized, realistic records. */
export interface SlackDirectorySeed {
  users?: Record<string, { name?: string; real_name?: string; email?: string; tz?: string; is_bot?: boolean }>;
  /** `is_member: false`: the bot was never invited (or was removed): posting there is `not_in_channel`. */
  channels?: Record<string, { name?: string; is_private?: boolean; is_archived?: boolean; is_member?: boolean }>;
  /**
   * The bot token's scopes. When given, every answer carries them in `x-oauth-scopes` as Slack's do,
   * and methods needing a scope the token lacks answer `missing_scope` with `needed` and `provided`.
   */
  scopes?: string[];
}

/** Everything a workspace shows, as plain JSON: what {@link SlackWorkspace.snapshot} returns and `restore` takes. */
export interface SlackWorkspaceSnapshot {
  messages: Record<string, SlackShownMessage[]>;
  ephemerals: SlackEphemeral[];
  views: ViewOutput[];
  /** The last timestamp handed out, so restored messages keep their place before new ones. */
  tsCounter: number;
}

type Payload = Record<string, unknown>;
type Content = Pick<SlackShownMessage, "text" | "blocks" | "attachments" | "thread_ts" | "files">;

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function required(value: unknown, error: string): string {
  const text = str(value);
  if (text === undefined) throw new SlackApiError(error);
  return text;
}

/** The conversation a `channel` argument names: a user id (`U…`/`W…`) means the bot's DM with them (`D…`). */
export function conversationId(id: string): string {
  return /^[UW][A-Z0-9]+$/.test(id) ? `D${id.slice(1)}` : id;
}

function invalid(error: string, errors: string[]): SlackApiError {
  const messages = errors.map((message) => `[ERROR] ${message}`);
  const details = error === "invalid_blocks" ? { errors } : {};
  return new SlackApiError(error, { ...details, response_metadata: { messages } });
}

/** The state of one fake workspace (messages, ephemerals, modals, directory) and the Web API methods acting on it. */
export class SlackWorkspace {
  readonly messages = new Map<string, SlackShownMessage[]>();
  readonly ephemerals: SlackEphemeral[] = [];
  readonly views = new Map<string, ViewOutput>();
  private readonly usedTriggers = new Set<string>();
  private tsCounter = 0;

  constructor(private readonly seed: SlackDirectorySeed) {}

  snapshot(): SlackWorkspaceSnapshot {
    return structuredClone({
      messages: Object.fromEntries(this.messages),
      ephemerals: this.ephemerals,
      views: [...this.views.values()],
      tsCounter: this.tsCounter,
    });
  }

  /** Replaces everything shown with a snapshot; trigger ids already used are forgotten (they expire anyway). */
  restore(snapshot: SlackWorkspaceSnapshot): void {
    const copy = structuredClone(snapshot);
    this.messages.clear();
    for (const [channel, list] of Object.entries(copy.messages)) this.messages.set(channel, list);
    this.ephemerals.splice(0, this.ephemerals.length, ...copy.ephemerals);
    this.views.clear();
    for (const view of copy.views) this.views.set(view.id, view);
    this.usedTriggers.clear();
    this.tsCounter = Math.max(this.tsCounter, copy.tsCounter);
  }

  /** The result fields (without `ok`) of a Web API method; unknown methods succeed with no fields. */
  call(method: string, p: Payload): Payload {
    this.checkScope(method, p);
    switch (method) {
      case "api.test":
        return { args: p };
      case "auth.test":
        return {
          url: `https://${FAKE_SLACK_TEAM.domain}.slack.com/`,
          team: FAKE_SLACK_TEAM.name,
          user: "frontdesk",
          team_id: FAKE_SLACK_TEAM.id,
          user_id: FAKE_SLACK_TEAM.botUserId,
          bot_id: FAKE_SLACK_TEAM.botId,
          is_enterprise_install: false,
        };
      case "chat.postMessage":
        return this.post(p);
      case "chat.update":
        return this.update(p);
      case "chat.delete":
        return this.remove(p.channel, p.ts);
      case "chat.postEphemeral":
        return {
          message_ts: this.postEphemeral(required(p.channel, "channel_not_found"), required(p.user, "user_not_found"), p),
        };
      case "chat.getPermalink": {
        const { channel } = this.find(p.channel, p.message_ts);
        const archive = `https://${FAKE_SLACK_TEAM.domain}.slack.com/archives/${channel}`;
        return { channel, permalink: `${archive}/p${String(p.message_ts).replace(".", "")}` };
      }
      case "conversations.open":
        return { channel: { id: conversationId(required(p.users, "users_list_not_supplied").split(",")[0] ?? "") } };
      case "views.open":
      case "views.push":
        return { view: this.openView(p, method === "views.push") };
      case "views.update":
        return { view: this.updateView(p) };
      case "users.info":
        return { user: this.user(required(p.user, "user_not_found")) };
      case "conversations.info":
        return { channel: this.conversation(required(p.channel, "channel_not_found")) };
      case "reactions.add":
      case "reactions.remove":
        return this.react(p, method === "reactions.add");
      default:
        return {};
    }
  }

  /** A POST to a response_url: `delete_original`, `replace_original`, `response_type: "in_channel"` or ephemeral. */
  respond(channel: string, ts: string, user: string, p: Payload): Payload {
    if (p.delete_original === true) return this.remove(channel, ts);
    if (p.replace_original === true) {
      const { list, index } = this.find(channel, ts);
      const { blocks: _blocks, attachments: _attachments, ...kept } = list[index] as SlackShownMessage;
      list[index] = { ...kept, text: "", ...this.content(p), edited: this.edited() };
      return {};
    }
    if (p.response_type === "in_channel") return this.post({ ...p, channel });
    this.postEphemeral(channel, user, p);
    return {};
  }

  private nextTs(): string {
    this.tsCounter += 100;
    const seconds = 1_700_000_000 + Math.floor(this.tsCounter / 1_000_000);
    return `${seconds}.${String(this.tsCounter % 1_000_000).padStart(6, "0")}`;
  }

  private edited(): { user: string; ts: string } {
    return { user: FAKE_SLACK_TEAM.botUserId, ts: this.nextTs() };
  }

  private content(p: Payload, maxBlocks = 50): Partial<Content> {
    if (p.blocks !== undefined) {
      const errors = blockKitErrors(p.blocks, maxBlocks);
      if (errors.length > 0) throw invalid("invalid_blocks", errors);
    }
    if (typeof p.text === "string" && p.text.length > 40_000) throw new SlackApiError("msg_too_long");
    const threadTs = str(p.thread_ts);
    return {
      ...(typeof p.text === "string" ? { text: p.text } : {}),
      ...(Array.isArray(p.blocks) ? { blocks: p.blocks } : {}),
      ...(Array.isArray(p.attachments) ? { attachments: p.attachments } : {}),
      ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
      ...(Array.isArray(p.files) ? { files: p.files as SlackShownMessage["files"] } : {}),
    };
  }

  private returned(message: SlackShownMessage): Payload {
    const { channel: _channel, ...rest } = structuredClone(message);
    return rest;
  }

  private find(channelId: unknown, ts: unknown): { list: SlackShownMessage[]; index: number; channel: string } {
    const channel = required(channelId, "channel_not_found");
    const list = this.messages.get(channel);
    if (list === undefined) throw new SlackApiError("channel_not_found");
    const index = list.findIndex((message) => message.ts === ts);
    if (index === -1) throw new SlackApiError("message_not_found");
    return { list, index, channel };
  }

  private post(p: Payload): Payload {
    const channel = conversationId(required(p.channel, "channel_not_found"));
    if (this.seed.channels?.[channel]?.is_member === false) throw new SlackApiError("not_in_channel");
    const content = this.content(p);
    if (content.text === undefined && content.blocks === undefined && content.attachments === undefined) {
      throw new SlackApiError("no_text");
    }
    const message: SlackShownMessage = {
      type: "message",
      channel,
      ts: this.nextTs(),
      text: "",
      user: FAKE_SLACK_TEAM.botUserId,
      bot_id: FAKE_SLACK_TEAM.botId,
      app_id: FAKE_SLACK_TEAM.appId,
      team: FAKE_SLACK_TEAM.id,
      ...content,
      ...(p.metadata !== undefined ? { metadata: p.metadata } : {}),
    };
    this.messages.set(channel, [...(this.messages.get(channel) ?? []), message]);
    return { channel, ts: message.ts, message: this.returned(message) };
  }

  private update(p: Payload): Payload {
    const { list, index, channel } = this.find(p.channel, p.ts);
    const { thread_ts: _ignored, ...content } = this.content(p);
    const next: SlackShownMessage = { ...(list[index] as SlackShownMessage), ...content, edited: this.edited() };
    list[index] = next;
    return { channel, ts: next.ts, text: next.text, message: this.returned(next) };
  }

  private remove(channelId: unknown, ts: unknown): Payload {
    const { list, index, channel } = this.find(channelId, ts);
    list.splice(index, 1);
    return { channel, ts };
  }

  private postEphemeral(channel: string, user: string, p: Payload): string {
    const messageTs = this.nextTs();
    this.ephemerals.push({ channel: conversationId(channel), user, message_ts: messageTs, ...this.content(p) });
    return messageTs;
  }

  private react(p: Payload, add: boolean): Payload {
    const { list, index } = this.find(p.channel, p.timestamp);
    const message = list[index] as SlackShownMessage;
    const name = required(p.name, "invalid_name").replace(/^:|:$/g, "");
    const reactions = message.reactions ?? [];
    const existing = reactions.some((reaction) => reaction.name === name);
    if (add && existing) throw new SlackApiError("already_reacted");
    if (!add && !existing) throw new SlackApiError("no_reaction");
    message.reactions = add
      ? [...reactions, { name, users: [FAKE_SLACK_TEAM.botUserId], count: 1 }]
      : reactions.filter((reaction) => reaction.name !== name);
    return {};
  }

  private viewContent(view: unknown): Partial<ViewOutput> {
    if (!isRecord(view) || typeof view.type !== "string") throw new SlackApiError("invalid_arguments");
    const errors = blockKitErrors(view.blocks ?? [], 100);
    for (const field of ["title", "submit", "close"]) {
      const label = view[field];
      if (isRecord(label) && typeof label.text === "string" && label.text.length > 24) errors.push(`must be less than 25 characters [json-pointer:/view/${field}/text]`);
    }
    if (errors.length > 0) throw invalid("invalid_arguments", errors);
    const defaults = { callback_id: "", private_metadata: "", external_id: "", close: null, submit: null };
    return { ...defaults, clear_on_close: false, notify_on_close: false, ...view } as Partial<ViewOutput>;
  }

  private openView(p: Payload, push: boolean): ViewOutput {
    const trigger = required(p.trigger_id, "invalid_arguments");
    if (this.usedTriggers.has(trigger)) throw new SlackApiError("exchanged_trigger_id");
    const content = this.viewContent(p.view);
    this.usedTriggers.add(trigger);
    const id = `V0${String(this.views.size + 1).padStart(8, "0")}`;
    const previous = push ? [...this.views.values()].at(-1) : undefined;
    const view = {
      ...content,
      id,
      team_id: FAKE_SLACK_TEAM.id,
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${this.nextTs()}`,
      previous_view_id: previous?.id ?? null,
      root_view_id: previous?.root_view_id ?? id,
      app_id: FAKE_SLACK_TEAM.appId,
      app_installed_team_id: FAKE_SLACK_TEAM.id,
      bot_id: FAKE_SLACK_TEAM.botId,
    } as ViewOutput;
    this.views.set(id, view);
    return structuredClone(view);
  }

  private updateView(p: Payload): ViewOutput {
    const externalId = str(p.external_id);
    const current = [...this.views.values()].find(
      (view) => view.id === p.view_id || (externalId !== undefined && view.external_id === externalId),
    );
    if (current === undefined) throw new SlackApiError("not_found");
    if (str(p.hash) !== undefined && p.hash !== current.hash) throw new SlackApiError("hash_conflict");
    const hash = `${Math.floor(Date.now() / 1000)}.${this.nextTs()}`;
    const view = { ...current, ...this.viewContent(p.view), id: current.id, hash } as ViewOutput;
    this.views.set(view.id, view);
    return structuredClone(view);
  }

  private user(id: string): Payload {
    if (!/^[UW][A-Z0-9]+$/.test(id)) throw new SlackApiError("user_not_found");
    const seed = this.seed.users?.[id] ?? {};
    const name = seed.name ?? id.toLowerCase();
    const realName = seed.real_name ?? `Staff ${id.slice(-4)}`;
    return {
      id,
      team_id: FAKE_SLACK_TEAM.id,
      name,
      deleted: false,
      real_name: realName,
      tz: seed.tz ?? "Europe/London",
      tz_label: "Greenwich Mean Time",
      tz_offset: 0,
      is_admin: false,
      is_owner: false,
      is_bot: seed.is_bot ?? false,
      is_app_user: false,
      updated: 1_700_000_000,
      profile: {
        real_name: realName,
        display_name: name,
        email: seed.email ?? `${name}@example.com`,
        team: FAKE_SLACK_TEAM.id,
      },
    };
  }

  /** Slack's scope check, when the workspace was given the token's scopes. */
  private checkScope(method: string, p: Payload): void {
    const scopes = this.seed.scopes;
    if (scopes === undefined) return;
    const channel = typeof p.channel === "string" ? p.channel : "";
    const isPrivate = this.seed.channels?.[channel]?.is_private ?? false;
    const needed = method.startsWith("chat.")
      ? "chat:write"
      : method.startsWith("files.")
        ? "files:write"
        : method === "conversations.info"
          ? channel.startsWith("D")
            ? "im:read"
            : isPrivate
              ? "groups:read"
              : "channels:read"
          : undefined;
    if (needed !== undefined && !scopes.includes(needed)) throw new SlackApiError("missing_scope", { needed, provided: scopes.join(",") });
  }

  private conversation(id: string): Payload {
    const seed = this.seed.channels?.[id] ?? {};
    const isIm = id.startsWith("D");
    const isPrivate = isIm || (seed.is_private ?? false);
    return {
      id,
      ...(isIm ? { user: `U${id.slice(1)}` } : { name: seed.name ?? `channel-${id.toLowerCase()}` }),
      is_channel: !isIm,
      is_group: false,
      is_im: isIm,
      is_private: isPrivate,
      is_archived: seed.is_archived ?? false,
      is_general: false,
      is_member: isIm || (seed.is_member ?? true),
      created: 1_700_000_000,
      creator: "U0FAKEADMIN",
    };
  }
}
