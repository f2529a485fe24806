import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Message, ReplyKeyboardMarkup, Update, UserFromGetMe } from "grammy/types";
import { CallRecorder, FailureQueue, RateLimitWindows, closeServer, listenOnLoopback, parseBody, readBody } from "./fake-http.js";
import type { FakeUploadedFile, RecordedCall } from "./fake-http.js";
import { TelegramChats } from "./telegram-chats.js";
import type { TelegramChatsSnapshot } from "./telegram-chats.js";
import { UpdateQueue } from "./telegram-long-poll.js";
import { type FakeWebhook, WebhookRegistration } from "./telegram-webhook.js";
import { BotApiError, BroadcastLimit, badRequest, decodeFormValue, injectedError } from "./telegram-rules.js";
import type { TelegramFailure } from "./telegram-rules.js";

export * from "./telegram-updates.js";
export type { FakeUploadedFile } from "./fake-http.js";
export type { TelegramFailure } from "./telegram-rules.js";
export type { FakeWebhook } from "./telegram-webhook.js";

/**
 * What the chats show (messages, their ids, reply keyboards) and the last update id handed out, as
 * plain JSON to store and restore. `lastUpdateId` is optional so snapshots saved before it existed load.
 */
export type FakeTelegramSnapshot = TelegramChatsSnapshot & { lastUpdateId?: number };

/** A snapshot of a fake nobody has talked to yet. */
export const emptyTelegramSnapshot: FakeTelegramSnapshot = { chats: {}, lastMessageIds: {}, knownChats: {}, keyboards: {} };

/**
 * A recorded Bot API call. JSON bodies are recorded as sent; multipart/urlencoded fields are decoded as Telegram
 * reads them (JSON values parsed, `*_id` integers numeric); uploaded files are in `files`.
 */
export type TelegramCall = RecordedCall;

/** Options of {@link startFakeTelegram}. With `token` set, calls with another token get 401 Unauthorized. */
export interface FakeTelegramOptions {
  token?: string;
  botInfo?: Partial<UserFromGetMe>;
  /**
   * Enforces Telegram's overall limit (30 for Telegram's own): a sent or edited message beyond this
   * many in the last second gets 429 "Too Many Requests" with `retry_after`. Off by default, so
   * tests that skip the product's pacing in virtual time are not refused in real time.
   */
  messagesPerSecond?: number;
  /**
   * The clock (ms since epoch) calls are stamped with (`call.at`) and rate limits run on; by
   * default the wall clock. A test whose product keeps its rate limits on a virtual clock passes
   * the same one, so waits are measured in the time the product waits in.
   */
  clock?: () => number;
}

/**
 * A fake Telegram Bot API on 127.0.0.1 for grammY (`new Bot(token, { botInfo, client: { apiRoot } })`).
 * It behaves like Telegram where bots commonly trip: an identical edit is 400 "message is not modified"; editing
 * text without `reply_markup` removes the inline keyboard; `callback_data` over 64 bytes is BUTTON_DATA_INVALID;
 * bad HTML / MarkdownV2 is 400 "can't parse entities"; message ids increase per chat, user messages included;
 * a second concurrent `getUpdates` ends the first with 409 Conflict.
 */
export interface FakeTelegram {
  readonly apiRoot: string;
  readonly botInfo: UserFromGetMe;
  /** Every call in arrival order; `response` is set once answered. */
  readonly calls: readonly TelegramCall[];
  callsOf(method: string): TelegramCall[];
  /** Resolves with the first answered call of `method` matching `predicate`, recorded earlier or later. */
  waitForCall(method: string, predicate?: (call: TelegramCall) => boolean, timeoutMs?: number): Promise<TelegramCall>;
  /** The bot messages currently shown in the chat, oldest first, after edits and deletions (copies). */
  chat(chatId: number | string): Message[];
  /** The reply keyboard currently shown under the chat's input field, if any. */
  replyKeyboard(chatId: number | string): ReplyKeyboardMarkup | undefined;
  /**
   * Queues an update for `getUpdates`, waking a pending long poll. Like Telegram, it assigns a new `message`'s
   * `message_id` (the chat's next id, shared with bot messages), mutating the passed update.
   */
  pushUpdate(update: Update): void;
  /**
   * The `update_id` Telegram would give the next update: above every id this fake queued, handed out or was
   * restored with, and never below the wall clock in Unix seconds. Telegram's ids keep increasing for the bot's
   * whole life; a product that remembers handled ids across restarts (it must, to drop redeliveries) would
   * otherwise drop every update of a new process whose counter started again where the last one did.
   */
  nextUpdateId(): number;
  /** What every chat shows now (a deep copy): the local playground stores it to survive a restart. */
  snapshot(): FakeTelegramSnapshot;
  /**
   * Shows exactly what `snapshot` held (message ids continue from it) and drops queued updates;
   * `restore(emptyTelegramSnapshot)` starts every chat afresh.
   */
  restore(snapshot: FakeTelegramSnapshot): void;
  /** Answers the next call of `method` with this error instead (queued: one failure per call). */
  failNext(method: string, failure: TelegramFailure): void;
  /**
   * Leaves the next call of `method` unanswered until the returned `release` is called, as a slow
   * or unreachable Bot API would; it is answered as usual then.
   */
  holdNext(method: string): { release(): void };
  /** The webhook `setWebhook` registered (its URL, secret token and update types), or null: none, updates go to `getUpdates`. */
  webhook(): FakeWebhook | null;
  /**
   * Records a failed delivery to the webhook, as Telegram reports it in `getWebhookInfo`
   * (`last_error_date`, `last_error_message`, e.g. "Wrong response from the webhook: 401 Unauthorized").
   */
  webhookDeliveryFailed(message: string): void;
  /**
   * From now on the fake's clock and for `seconds`, answers every call but `getUpdates` with 429
   * "Too Many Requests" and `retry_after` = the seconds left of the window (rounded up), as
   * Telegram does to a bot that flooded it. Returns the window's bounds on that clock.
   */
  rateLimitFor(seconds: number): { startMs: number; endMs: number };
  /** Bytes served at `{apiRoot}/file/bot{token}/{file_path}` after getFile (default: a tiny JPEG). */
  setFileContent(fileId: string, content: Uint8Array | string): void;
  /** `call` fires once the fake has decided the answer (`call.response` set); long polls fire when they return. */
  on(event: "call", listener: (call: TelegramCall) => void): void;
  off(event: "call", listener: (call: TelegramCall) => void): void;
  /** Ends pending long polls with an empty batch, then closes the server and its keep-alive sockets. */
  close(): Promise<void>;
}

const PLACEHOLDER_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 0xff, 0xd9]);

class FakeTelegramServer implements FakeTelegram {
  readonly botInfo: UserFromGetMe;
  apiRoot = "";
  private readonly recorder = new CallRecorder<TelegramCall>();
  private readonly failures = new FailureQueue<TelegramFailure>();
  private readonly holds = new FailureQueue<Promise<void>>();
  private readonly updates = new UpdateQueue((call, res, status, body) => this.answer(call, res, status, body));
  private readonly chats: TelegramChats;
  private readonly filePaths = new Map<string, string>();
  private readonly fileContents = new Map<string, Buffer>();
  private readonly broadcastLimit: BroadcastLimit | undefined;
  private readonly clock: () => number;
  private readonly storms: RateLimitWindows;
  private lastUpdateId = 0;
  private readonly webhooks = new WebhookRegistration();
  private readonly server = createServer((req, res) => {
    this.handle(req, res).catch((error: unknown) => {
      this.send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(error)}` });
    });
  });

  constructor(private readonly options: FakeTelegramOptions) {
    this.botInfo = {
      id: 7_000_000_001,
      is_bot: true,
      first_name: "Front Desk",
      username: "frontdesk_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
      ...options.botInfo,
    };
    const { id, first_name, username } = this.botInfo;
    this.chats = new TelegramChats({ id, is_bot: true, first_name, username });
    this.clock = options.clock ?? Date.now;
    this.storms = new RateLimitWindows(this.clock);
    this.broadcastLimit = options.messagesPerSecond !== undefined ? new BroadcastLimit(options.messagesPerSecond) : undefined;
  }

  get calls(): readonly TelegramCall[] {
    return this.recorder.calls;
  }

  callsOf(method: string): TelegramCall[] {
    return this.recorder.callsOf(method);
  }

  waitForCall(
    method: string,
    predicate: (call: TelegramCall) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<TelegramCall> {
    return this.recorder.waitFor(method, predicate, timeoutMs);
  }

  on(_event: "call", listener: (call: TelegramCall) => void): void {
    this.recorder.on(listener);
  }

  off(_event: "call", listener: (call: TelegramCall) => void): void {
    this.recorder.off(listener);
  }

  failNext(method: string, failure: TelegramFailure): void {
    this.failures.add(method, failure);
  }

  holdNext(method: string): { release(): void } {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    this.holds.add(method, held);
    return { release };
  }

  rateLimitFor(seconds: number): { startMs: number; endMs: number } {
    return this.storms.open(seconds);
  }

  setFileContent(fileId: string, content: Uint8Array | string): void {
    this.fileContents.set(fileId, Buffer.from(content));
  }

  webhook(): FakeWebhook | null {
    return this.webhooks.copy();
  }

  webhookDeliveryFailed(message: string): void {
    this.webhooks.failed(message);
  }

  chat(chatId: number | string): Message[] {
    return this.chats.messages(chatId);
  }

  replyKeyboard(chatId: number | string): ReplyKeyboardMarkup | undefined {
    return this.chats.replyKeyboard(chatId);
  }

  snapshot(): FakeTelegramSnapshot {
    return { ...this.chats.snapshot(), lastUpdateId: this.lastUpdateId };
  }

  restore(snapshot: FakeTelegramSnapshot): void {
    this.chats.restore(snapshot);
    this.updates.clear();
    this.lastUpdateId = Math.max(this.lastUpdateId, snapshot.lastUpdateId ?? 0);
  }

  nextUpdateId(): number {
    // Seconds fit Telegram's 32-bit ids until 2038; a restart takes longer than a second, so a fake
    // whose snapshot was lost (a crash before it was saved, a database older than the field) still
    // starts above the ids handed out before.
    this.lastUpdateId = Math.max(this.lastUpdateId + 1, Math.floor(Date.now() / 1000));
    return this.lastUpdateId;
  }

  pushUpdate(update: Update): void {
    this.lastUpdateId = Math.max(this.lastUpdateId, update.update_id);
    const message = update.message ?? update.edited_message;
    if (message !== undefined) this.chats.remember(message.chat);
    if (update.message !== undefined) {
      update.message.message_id = this.chats.nextMessageId(String(update.message.chat.id));
    }
    this.updates.push(update);
  }

  async start(): Promise<this> {
    this.apiRoot = await listenOnLoopback(this.server);
    return this;
  }

  async close(): Promise<void> {
    this.updates.close();
    await closeServer(this.server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.apiRoot);
    const raw = await readBody(req);
    const file = /^\/file\/bot[^/]+\/(.+)$/.exec(url.pathname);
    if (req.method === "GET" && file !== null) return this.serveFile(decodeURIComponent(file[1] ?? ""), res);
    const route = /^\/bot([^/]+)\/([A-Za-z0-9_]+)\/?$/.exec(url.pathname);
    if (route === null) return this.send(res, 404, new BotApiError(404, "Not Found"));
    const { fields, files } = parseBody(req.headers["content-type"], raw);
    const isJson = (req.headers["content-type"] ?? "").includes("json");
    const payload: Record<string, unknown> = {};
    for (const [key, value] of [...url.searchParams.entries(), ...Object.entries(fields)]) {
      payload[key] = isJson ? value : decodeFormValue(key, value);
    }
    const call: TelegramCall = { method: route[2] ?? "", payload, at: this.clock(), token: route[1], files };
    this.recorder.arrived(call);
    const hold = this.holds.take(call.method);
    if (hold !== undefined) await hold;
    const failure = this.failures.take(call.method);
    try {
      if (this.options.token !== undefined && call.token !== this.options.token) {
        throw new BotApiError(401, "Unauthorized");
      }
      if (failure !== undefined) throw injectedError(failure);
      const retryAfter = call.method === "getUpdates" ? undefined : this.storms.retryAfterAt(call.at);
      if (retryAfter !== undefined) throw injectedError({ status: 429, retryAfter });
      this.broadcastLimit?.admit(call.method, call.at);
      if (call.method === "getUpdates") {
        // As Telegram: one way of receiving updates at a time.
        if (this.webhooks.active) throw new BotApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
        return this.updates.poll(call, res);
      }
      this.answer(call, res, 200, { ok: true, result: this.dispatch(call.method, payload, files) });
    } catch (error) {
      if (!(error instanceof BotApiError)) throw error;
      this.answer(call, res, error.code, error.toJSON());
    }
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  }

  private answer(call: TelegramCall, res: ServerResponse, status: number, body: unknown): void {
    this.recorder.answered(call, status, body);
    this.send(res, status, body);
  }

  private serveFile(path: string, res: ServerResponse): void {
    const fileId = [...this.filePaths].find(([, filePath]) => filePath === path)?.[0];
    if (fileId === undefined) return this.send(res, 404, new BotApiError(404, "Not Found"));
    res.writeHead(200, { "content-type": "application/octet-stream" });
    res.end(this.fileContents.get(fileId) ?? PLACEHOLDER_JPEG);
  }

  private dispatch(method: string, p: Record<string, unknown>, files: FakeUploadedFile[]): unknown {
    switch (method) {
      case "getMe":
        return this.botInfo;
      case "sendMessage":
        return this.chats.sendMessage(p);
      case "sendPhoto":
        return this.chats.sendPhoto(p, files);
      case "editMessageText":
      case "editMessageCaption":
      case "editMessageReplyMarkup":
        return this.chats.edit(p, method);
      case "deleteMessage":
        return this.chats.deleteMessages(p.chat_id, [p.message_id], true);
      case "deleteMessages":
        return this.chats.deleteMessages(p.chat_id, Array.isArray(p.message_ids) ? p.message_ids : [], false);
      case "deleteWebhook":
      case "setWebhook":
        if (p.drop_pending_updates === true || p.drop_pending_updates === "true") this.updates.clear();
        if (method === "deleteWebhook") this.webhooks.clear();
        else this.webhooks.set(p);
        return true;
      case "getWebhookInfo":
        return this.webhooks.info(this.updates.size);
      case "getFile":
        return this.getFile(p.file_id);
      default:
        return true;
    }
  }

  private getFile(fileId: unknown): unknown {
    if (typeof fileId !== "string" || fileId === "") throw badRequest("invalid file_id");
    const path = this.filePaths.get(fileId) ?? `photos/file_${this.filePaths.size}.jpg`;
    this.filePaths.set(fileId, path);
    const size = this.fileContents.get(fileId)?.length ?? PLACEHOLDER_JPEG.length;
    return { file_id: fileId, file_unique_id: `AQAD${fileId.slice(-8)}`, file_size: size, file_path: path };
  }
}

/** Starts a fake Telegram Bot API on 127.0.0.1 (random port). Pass `apiRoot` and `botInfo` to grammY. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  return new FakeTelegramServer(options).start();
}
