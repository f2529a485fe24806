import type { IncomingMessage, ServerResponse } from "node:http";
import type { ExpressReceiver } from "@slack/bolt";
import type { Logger } from "pino";
import { z } from "zod";
import { systemTaskPrefixes } from "../core/case/registry.js";
import { locales } from "../core/domain/registry.js";
import { NotADemoDatabaseError } from "./demo-data.js";
import { PhoneError } from "./owner-phones.js";
import type { Playground } from "./playground.js";
import { StaffDeskError } from "./staff-desk.js";
import type { StaticFiles } from "./static-files.js";
import { ClockError } from "./virtual-clock.js";

type Router = ExpressReceiver["router"];

/** A request the page got wrong: answered 400 with the message, never logged as a failure. */
class BadRequest extends Error {
  override readonly name = "BadRequest";
}

const OwnerIdSchema = z.coerce.number().int().positive();
const SlackIdSchema = z.string().regex(/^[A-Z0-9]{2,20}$/);
const TextSchema = z.object({ text: z.string().trim().min(1).max(4096) });
const KeyboardSchema = z.object({ text: z.string().min(1).max(300) });
const InlineSchema = z.object({ messageId: z.number().int().positive(), data: z.string().min(1).max(64) });
/** Photos arrive base64-encoded; the page scales them down first, so 6 MB of text is plenty. */
const PhotoSchema = z.object({ contentType: z.enum(["image/jpeg", "image/png", "image/webp"]), base64: z.string().min(4).max(6_000_000) });
const ShortcutSchema = z.object({ as: SlackIdSchema, callbackId: z.enum(["new_request"]) });
const ClickSchema = z.object({ as: SlackIdSchema, channel: SlackIdSchema, ts: z.string().regex(/^\d+\.\d+$/), actionId: z.string().min(1).max(255), value: z.string().max(2000).optional() });
const SubmitSchema = z.object({ as: SlackIdSchema, viewId: SlackIdSchema, values: z.record(z.string().max(255), z.string().max(3000).nullable()) });
const CloseSchema = z.object({ as: SlackIdSchema });
const ClockSchema = z.union([
  z.object({ by: z.object({ hours: z.number().int().min(0).max(24 * 366).default(0), days: z.number().int().min(0).max(366).default(0) }) }),
  z.object({ to: z.iso.datetime({ offset: true }) }),
]);

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const LocaleSchema = z.enum(locales);

const maxBodyBytes = 7_000_000;

async function readJson<S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.infer<S>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBodyBytes) throw new BadRequest("the request is too large");
    chunks.push(chunk as Buffer);
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadRequest("the request is not JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new BadRequest(parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`).join("; "));
  return parsed.data;
}

function param<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new BadRequest("unknown id in the address");
  return parsed.data;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" }).end(JSON.stringify(body));
}

/**
 * The page's HTTP API, on the product's own port beside `/slack/events`: `GET /` serves the
 * page, `/playground/api/*` answers it. Every body is parsed with zod; refusals the page can
 * explain (unknown button, modal gone, clock backwards) are 400/409 with a message.
 */
export function mountPlaygroundRoutes(router: Router, playground: Playground, files: StaticFiles, logger: Logger): void {
  const route = (method: "get" | "post", path: string, handle: (req: IncomingMessage & { params: Record<string, string>; query: unknown }, res: ServerResponse) => Promise<unknown>) => {
    router[method](path, (req, res) => {
      handle(req as never, res).then(
        (body) => {
          if (body !== undefined) send(res, 200, body);
        },
        (error: unknown) => {
          if (error instanceof BadRequest || error instanceof PhoneError || error instanceof StaffDeskError) return send(res, 400, { error: error.message });
          if (error instanceof ClockError || error instanceof NotADemoDatabaseError) return send(res, 409, { error: error.message });
          logger.error({ err: error, path }, "playground request failed");
          send(res, 500, { error: "the playground could not do that; see the server log" });
        },
      );
    });
  };
  const owner = (req: { params: Record<string, string> }) => param(OwnerIdSchema, req.params.ownerId);
  const as = (req: { query: unknown }) => param(SlackIdSchema, (req.query as Record<string, unknown>).as);

  route("get", "/", (_req, res) => files.serve("index.html", res));
  route("get", "/playground/assets/:name", (req, res) => files.serve(req.params.name ?? "", res));
  route("get", "/playground/api/events", async (_req, res) => playground.events.subscribe(res));
  route("get", "/playground/api/setup", async () => playground.setup());

  route("get", "/playground/api/owners/:ownerId", async (req) => playground.phones.screen(owner(req)));
  route("post", "/playground/api/owners/:ownerId/text", async (req) => {
    playground.phones.sendText(owner(req), (await readJson(req, TextSchema)).text);
    return { ok: true };
  });
  route("post", "/playground/api/owners/:ownerId/keyboard", async (req) => {
    playground.phones.pressKeyboard(owner(req), (await readJson(req, KeyboardSchema)).text);
    return { ok: true };
  });
  route("post", "/playground/api/owners/:ownerId/inline", async (req) => {
    const body = await readJson(req, InlineSchema);
    playground.phones.pressInline(owner(req), body.messageId, body.data);
    return { ok: true };
  });
  route("post", "/playground/api/owners/:ownerId/photo", async (req) => {
    const body = await readJson(req, PhotoSchema);
    await playground.phones.sendPhoto(owner(req), body.contentType, Buffer.from(body.base64, "base64"));
    return { ok: true };
  });
  route("get", "/playground/api/photos/:fileId", async (req, res) => {
    const photo = await playground.screens.photo(param(z.string().regex(/^[A-Za-z0-9_-]{8,100}$/), req.params.fileId));
    if (!photo) return send(res, 404, { error: "no such photo" });
    res.writeHead(200, { "content-type": photo.contentType, "cache-control": "private, max-age=86400" }).end(photo.bytes);
  });

  route("get", "/playground/api/slack-files/:fileId", async (req, res) => {
    const bytes = playground.desk.file(param(z.string().regex(/^F[A-Z0-9]{4,30}$/), req.params.fileId));
    if (!bytes) return send(res, 404, { error: "no such file" });
    res.writeHead(200, { "content-type": "application/octet-stream", "cache-control": "private, max-age=86400" }).end(bytes);
  });
  route("get", "/playground/api/channels/:channel", async (req) => ({ posts: playground.desk.channel(param(SlackIdSchema, req.params.channel), as(req)) }));
  route("get", "/playground/api/modal", async (req) => ({ modal: playground.desk.modal(as(req)) }));
  route("post", "/playground/api/click", async (req) => {
    await playground.desk.click(await readJson(req, ClickSchema));
    return { ok: true };
  });
  route("post", "/playground/api/shortcut", async (req) => {
    await playground.desk.shortcut(await readJson(req, ShortcutSchema));
    return { ok: true };
  });
  route("post", "/playground/api/modal/submit", async (req) => playground.desk.submit(await readJson(req, SubmitSchema)));
  route("post", "/playground/api/modal/close", async (req) => {
    playground.desk.close((await readJson(req, CloseSchema)).as);
    return { ok: true };
  });

  const month = (req: { params: Record<string, string> }) => param(MonthSchema, req.params.month);
  route("get", "/playground/api/reports/:month", async (req) => ({ report: await playground.monthlyReport(month(req)) }));
  route("get", "/playground/api/reports/:month/chart.png", async (req, res) => {
    const png = await playground.monthlyChart(month(req), param(LocaleSchema, (req.query as Record<string, unknown>).locale ?? "zh-CN"));
    res.writeHead(200, { "content-type": "image/png", "cache-control": "no-store" }).end(png);
  });

  route("get", "/playground/api/clock", async () => playground.clockState());
  route("post", "/playground/api/clock", async (req) => {
    const body = await readJson(req, ClockSchema);
    const target = "to" in body ? { to: new Date(body.to) } : { byMs: (body.by.days * 24 + body.by.hours) * 3_600_000 };
    const move = await playground.advance(target);
    return { ...(await playground.clockState()), reports: move.reports
        // The nightly housekeeping and the reports' digests are not what a trainee watches happen to requests; the digests show in their channels.
        .filter((report) => !systemTaskPrefixes.some((prefix) => report.task?.startsWith(prefix)))
        .map(({ caseNumber, outcome, detail, clock, alerts }) => ({ ticketNumber: caseNumber, outcome, detail, clock, alerts })) };
  });
  route("post", "/playground/api/reset", async () => {
    await playground.reset();
    return { ok: true };
  });
}
