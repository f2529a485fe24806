import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { BotError, type Bot } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { z } from "zod";
import type { BotContext } from "./context.js";
import { describeError } from "./errors.js";
import { isUpdateDeferred } from "./update-deferred.js";

/** Telegram's updates are a few kilobytes; a megabyte leaves room for any real one. */
export const webhookBodyLimitBytes = 1024 * 1024;

/**
 * What makes a body an update: an object with a non-negative integer `update_id`. The rest is
 * left to grammY's filters and the features, which read only what they handle; the id is what
 * the inbox records, so without it a repeated delivery could not be recognised.
 */
export const WebhookUpdateSchema = z.object({ update_id: z.number().int().nonnegative() }).loose();

export interface WebhookHandlerOptions {
  /** The `secret_token` given to `setWebhook`; Telegram sends it in `X-Telegram-Bot-Api-Secret-Token`. */
  secretToken: string;
  logger: Logger;
  limitBytes?: number;
  /**
   * Settles once the bot knows itself (`getMe`), which the app asks for after it starts
   * listening. An update arriving before waits for it, at most `readyWaitMs`; past that it is
   * answered 503, and Telegram delivers it again later.
   */
  ready?: () => Promise<unknown>;
  /** Default 10 s. */
  readyWaitMs?: number;
}

class Refusal extends Error {
  constructor(
    readonly status: 400 | 401 | 413,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * The handler of `POST /telegram/webhook`, in place of grammY's `webhookCallback`, which parses
 * any size of body and lets a parse failure reach Express (a 500 with its HTML stack page).
 * Here the secret is checked before the body is read (401), a body over the limit is refused
 * without being buffered (413), and a body that is not an update object gets 400 with one
 * structured log line; only an update reaches the bot. It answers once the update is handled,
 * so Telegram redelivers one whose handling crashed (the inbox drops a handled one), and one
 * deferred because another instance holds its chat (500: Telegram delivers it again later).
 */
export function telegramWebhookHandler(bot: Bot<BotContext>, options: WebhookHandlerOptions) {
  const limit = options.limitBytes ?? webhookBodyLimitBytes;
  const log = options.logger;
  if (options.secretToken === "") throw new Error("the webhook needs a secret token: an empty one would accept any caller");
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let update: Update;
    try {
      if (!secretMatches(req.headers["x-telegram-bot-api-secret-token"], options.secretToken)) throw new Refusal(401, "secret token missing or wrong");
      const parsed = WebhookUpdateSchema.safeParse(parseJson(await readBody(req, limit)));
      if (!parsed.success) throw new Refusal(400, "not an update object");
      update = parsed.data as unknown as Update;
    } catch (error) {
      const refusal = error instanceof Refusal ? error : new Refusal(400, "body could not be read");
      log.warn({ status: refusal.status, reason: refusal.reason }, "telegram webhook request refused");
      // The body is left unread on a refusal: close the connection rather than drain it.
      if (refusal.status !== 400) res.setHeader("connection", "close");
      res.writeHead(refusal.status, { "content-type": "text/plain; charset=utf-8" }).end();
      return;
    }
    if (!bot.isInited() && !(await initialisedWithin(bot, options.ready, options.readyWaitMs ?? 10_000))) {
      log.info({ updateId: update.update_id }, "telegram update arrived before the bot could reach Telegram; Telegram delivers it again");
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "5" }).end();
      return;
    }
    try {
      await bot.handleUpdate(update);
      res.writeHead(200).end();
    } catch (error) {
      const cause = error instanceof BotError ? error.error : error;
      if (isUpdateDeferred(cause)) log.info({ updateId: update.update_id, reason: cause.reason }, "telegram webhook update deferred; Telegram delivers it again");
      else log.error({ updateId: update.update_id, error: describeError(error) }, "telegram webhook update failed");
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end();
    }
  };
}

/** Whether the bot has its own user within `waitMs`, waiting on `ready` (nothing to wait on: no). */
async function initialisedWithin(bot: Bot<BotContext>, ready: (() => Promise<unknown>) | undefined, waitMs: number): Promise<boolean> {
  if (ready) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([ready().catch(() => undefined), timeout]);
    clearTimeout(timer);
  }
  return bot.isInited();
}

function secretMatches(header: string | string[] | undefined, secret: string): boolean {
  const given = Buffer.from(Array.isArray(header) ? (header[0] ?? "") : (header ?? ""));
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Refusal(400, "body is not JSON");
  }
}

/** Reads the body as UTF-8, refusing (413) as soon as it passes `limit` bytes. */
async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limit) throw new Refusal(413, "body over the limit");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Refusal(413, "body over the limit");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
