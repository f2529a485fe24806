import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ViewOutput } from "@slack/bolt";
import { CallRecorder, FailureQueue, RateLimitWindows, closeServer, listenOnLoopback, parseBody, readBody } from "./fake-http.js";
import type { RecordedCall } from "./fake-http.js";
import { SlackApiError, SlackWorkspace, conversationId } from "./slack-workspace.js";
import type { SlackDirectorySeed, SlackEphemeral, SlackShownMessage, SlackWorkspaceSnapshot } from "./slack-workspace.js";
import { type FakeSlackFile, SlackFiles } from "./slack-files.js";

export type { FakeSlackFile } from "./slack-files.js";

export * from "./slack-payloads.js";
export type { SlackDirectorySeed, SlackEphemeral, SlackShownMessage } from "./slack-workspace.js";

/** What the workspace shows (messages, ephemerals, modals), as plain JSON to store and restore. */
export type FakeSlackSnapshot = SlackWorkspaceSnapshot;

/** A snapshot of a workspace nothing has been posted to yet. */
export const emptySlackSnapshot: FakeSlackSnapshot = { messages: {}, ephemerals: [], views: [], tsCounter: 0 };

/**
 * A recorded Web API call. `token` comes from `Authorization: Bearer …` (or a `token` field, removed from `payload`).
 * web-api form-encodes every argument and JSON-encodes non-primitive ones; the fake parses JSON-valued fields back
 * (`blocks`, `attachments`, `view`, `metadata`, …) and leaves the rest as the strings Slack receives
 * (`unfurl_links: false` arrives as `"false"`). Calls to a `responseUrl()` are recorded as method `response_url`.
 */
export type SlackCall = RecordedCall;

/**
 * An injected failure, answered exactly as Slack would:
 * - `{ status: 429, retryAfter }`: HTTP 429, `Retry-After` header, `{ ok: false, error: "ratelimited" }`. A WebClient
 *   with `rejectRateLimitedCalls: true` throws `WebAPIRateLimitedError` (`code: "slack_webapi_rate_limited_error"`,
 *   `retryAfter` in seconds) at once; without it, web-api pauses its whole queue for `retryAfter` seconds, then
 *   retries per `retryConfig` (with `retries: 0` it finally throws a `WebAPIRequestError`).
 * - `{ error }`: HTTP 200 `{ ok: false, error }`; web-api throws `WebAPIPlatformError` with `data.error`.
 * - another `status`: that HTTP status; web-api retries per `retryConfig`, then throws `WebAPIHTTPError`.
 */
export interface SlackFailure {
  status?: number;
  retryAfter?: number;
  error?: string;
}

/** Options of {@link startFakeSlack}. With `token` set, other tokens get `invalid_auth`; none gets `not_authed`. */
export interface FakeSlackOptions extends SlackDirectorySeed {
  token?: string;
  /**
   * The clock (ms since epoch) calls are stamped with (`call.at`) and rate-limit windows run on;
   * by default the wall clock. A test whose product keeps its rate limits on a virtual clock
   * passes the same one.
   */
  clock?: () => number;
}

/**
 * A fake Slack Web API on 127.0.0.1 for `@slack/web-api` 8 and Bolt 5 (`slackApiUrl: fake.apiUrl`). It mirrors
 * Slack where apps commonly trip: posting to a user id (`U…`) opens a DM whose `D…` id is returned and required
 * by chat.update / chat.delete; chat.update keeps the previous blocks unless `blocks` is sent; Block Kit limits
 * answer `invalid_blocks`; a trigger id opens one view (`exchanged_trigger_id`); views.update honours `hash`.
 */
export interface FakeSlack {
  /** The Web API base URL, ending with `/api/`. */
  readonly apiUrl: string;
  /** Every call in arrival order; `response` is set once answered. */
  readonly calls: readonly SlackCall[];
  callsOf(method: string): SlackCall[];
  /** Resolves with the first answered call of `method` matching `predicate`, recorded earlier or later. */
  waitForCall(method: string, predicate?: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  /** Messages currently shown in a channel (a `U…` id means the bot's DM with that user), oldest first (copies). */
  channel(id: string): SlackShownMessage[];
  ephemerals(channel?: string): SlackEphemeral[];
  /** Every modal opened or pushed, with its latest content, in opening order. */
  views(): ViewOutput[];
  /** A file uploaded through `files.getUploadURLExternal` and its upload URL (bytes null until POSTed). */
  uploadedFile(id: string): FakeSlackFile | undefined;
  /**
   * A response_url served by this fake, to put in payloads: `replace_original` / `delete_original` act on
   * `messageTs`; `response_type: "in_channel"` posts; anything else is an ephemeral for `user`.
   */
  responseUrl(channel: string, messageTs?: string, user?: string): string;
  /** What the workspace shows now (a deep copy): the local playground stores it to survive a restart. */
  snapshot(): FakeSlackSnapshot;
  /** Shows exactly what `snapshot` held; new timestamps continue after the snapshot's. */
  restore(snapshot: FakeSlackSnapshot): void;
  /** Answers the next call of `method` with this failure instead (queued: one failure per call). */
  failNext(method: string, failure: SlackFailure): void;
  /**
   * From now on the fake's clock and for `seconds`, answers every Web API call with HTTP 429,
   * `Retry-After` = the seconds left of the window (rounded up) and `{ ok: false, error:
   * "ratelimited" }`, as Slack does to an app over its tier's limit. Returns the window's bounds.
   */
  rateLimitFor(seconds: number): { startMs: number; endMs: number };
  /** `call` fires once the fake has decided the answer (`call.response` set). */
  on(event: "call", listener: (call: SlackCall) => void): void;
  off(event: "call", listener: (call: SlackCall) => void): void;
  /** Closes the server and its keep-alive sockets. */
  close(): Promise<void>;
}

const STRING_FIELDS = new Set(["text", "markdown_text", "private_metadata", "value", "token"]);

function decodeField(key: string, value: unknown): unknown {
  if (typeof value !== "string" || STRING_FIELDS.has(key) || !/^[[{]/.test(value)) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

class FakeSlackServer implements FakeSlack {
  private readonly recorder = new CallRecorder<SlackCall>();
  private readonly failures = new FailureQueue<SlackFailure>();
  private readonly workspace: SlackWorkspace;
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      this.send(res, 500, { ok: false, error: `fake_slack_crashed: ${String(error)}` });
    });
  });
  private origin = "";
  private readonly uploads = new SlackFiles();
  private readonly clock: () => number;
  private readonly storms: RateLimitWindows;

  constructor(private readonly options: FakeSlackOptions) {
    this.workspace = new SlackWorkspace(options);
    this.clock = options.clock ?? Date.now;
    this.storms = new RateLimitWindows(this.clock);
  }

  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  get calls(): readonly SlackCall[] {
    return this.recorder.calls;
  }

  callsOf(method: string): SlackCall[] {
    return this.recorder.callsOf(method);
  }

  waitForCall(
    method: string,
    predicate: (call: SlackCall) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<SlackCall> {
    return this.recorder.waitFor(method, predicate, timeoutMs);
  }

  on(_event: "call", listener: (call: SlackCall) => void): void {
    this.recorder.on(listener);
  }

  off(_event: "call", listener: (call: SlackCall) => void): void {
    this.recorder.off(listener);
  }

  failNext(method: string, failure: SlackFailure): void {
    this.failures.add(method, failure);
  }

  rateLimitFor(seconds: number): { startMs: number; endMs: number } {
    return this.storms.open(seconds);
  }

  channel(id: string): SlackShownMessage[] {
    return structuredClone(this.workspace.messages.get(conversationId(id)) ?? []);
  }

  ephemerals(channel?: string): SlackEphemeral[] {
    const wanted = channel === undefined ? undefined : conversationId(channel);
    return structuredClone(this.workspace.ephemerals.filter((m) => wanted === undefined || m.channel === wanted));
  }

  views(): ViewOutput[] {
    return structuredClone([...this.workspace.views.values()]);
  }

  uploadedFile(id: string): FakeSlackFile | undefined {
    const file = this.uploads.files.get(id);
    return file === undefined ? undefined : { ...file, bytes: file.bytes === null ? null : Buffer.from(file.bytes) };
  }

  snapshot(): FakeSlackSnapshot {
    return this.workspace.snapshot();
  }

  restore(snapshot: FakeSlackSnapshot): void {
    this.workspace.restore(snapshot);
  }

  responseUrl(channel: string, messageTs = "-", user = "-"): string {
    return `${this.origin}/response/${encodeURIComponent(channel)}/${messageTs}/${encodeURIComponent(user)}`;
  }

  async start(): Promise<this> {
    this.origin = await listenOnLoopback(this.server);
    return this;
  }

  close(): Promise<void> {
    return closeServer(this.server);
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.origin);
    const body = await readBody(req);
    const upload = /^\/upload\/([A-Z0-9]+)$/.exec(url.pathname);
    if (upload !== null) {
      // Like files.slack.com: the raw bytes of the announced file; answered in plain text.
      const known = this.uploads.receive(upload[1] ?? "", body);
      res.writeHead(known ? 200 : 404, { "content-type": "text/plain" }).end(known ? `OK - ${body.length}` : "not found");
      return;
    }
    const { fields, files } = parseBody(req.headers["content-type"], body);
    const payload: Record<string, unknown> = {};
    for (const [key, value] of [...url.searchParams.entries(), ...Object.entries(fields)]) {
      payload[key] = decodeField(key, value);
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const token = bearer ?? (typeof payload.token === "string" ? payload.token : undefined);
    delete payload.token;
    const responseRoute = /^\/response\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
    const route = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    const method = responseRoute !== null ? "response_url" : (route?.[1] ?? url.pathname);
    const call: SlackCall = { method, payload, at: this.clock(), token, files };
    this.recorder.arrived(call);
    const scopes: Record<string, string> = route !== null && this.options.scopes !== undefined ? { "x-oauth-scopes": this.options.scopes.join(",") } : {};
    const answer = (status: number, body: unknown, headers?: Record<string, string>): void => {
      this.recorder.answered(call, status, body);
      this.send(res, status, body, { ...scopes, ...headers });
    };
    const stormRetryAfter = route !== null ? this.storms.retryAfterAt(call.at) : undefined;
    const failure = stormRetryAfter !== undefined ? { status: 429, retryAfter: stormRetryAfter } : this.failures.take(method);
    if (failure?.status === 429) {
      return answer(429, { ok: false, error: "ratelimited" }, { "retry-after": String(failure.retryAfter ?? 1) });
    }
    if (failure !== undefined) {
      return answer(failure.status ?? 200, { ok: false, error: failure.error ?? "fatal_error" });
    }
    try {
      if (responseRoute !== null) {
        const [channel, ts, user] = responseRoute.slice(1).map((part) => decodeURIComponent(part));
        return answer(200, { ok: true, ...this.workspace.respond(channel ?? "", ts ?? "-", user ?? "-", payload) });
      }
      if (route === null) return answer(404, { ok: false, error: "unknown_method" });
      if (token === undefined && method !== "api.test") throw new SlackApiError("not_authed");
      if (this.options.token !== undefined && token !== undefined && token !== this.options.token) {
        throw new SlackApiError("invalid_auth");
      }
      if (method === "files.getUploadURLExternal") return answer(200, { ok: true, ...this.uploads.announce(payload, this.origin) });
      if (method === "files.completeUploadExternal") {
        const shared = this.uploads.complete(payload);
        const channel = typeof payload.channel_id === "string" ? payload.channel_id : undefined;
        const shown = shared.map(({ id, name, title }) => ({ id, name, title: title ?? name }));
        if (channel !== undefined) {
          this.workspace.call("chat.postMessage", { channel, text: shown.map((file) => file.title).join(", "), files: shown, ...(payload.thread_ts ? { thread_ts: payload.thread_ts } : {}) });
        }
        return answer(200, { ok: true, files: shown });
      }
      answer(200, { ok: true, ...this.workspace.call(method, payload) });
    } catch (error) {
      if (!(error instanceof SlackApiError)) throw error;
      answer(responseRoute !== null ? 404 : 200, { ok: false, error: error.error, ...error.extra });
    }
  }
}

/** Starts a fake Slack Web API on 127.0.0.1 (random port); pass `apiUrl` as the WebClient's `slackApiUrl`. */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  return new FakeSlackServer(options).start();
}
