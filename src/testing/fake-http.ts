import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A file part of a multipart/form-data request, as the fake received it. */
export interface FakeUploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
  data: Buffer;
}

/** One request the fake answered: the parsed payload, the answer, and when it arrived (ms since epoch). */
export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  at: number;
  token: string | undefined;
  files: FakeUploadedFile[];
  response?: { status: number; body: unknown };
}

/** Decoded request fields plus uploaded files. */
export interface ParsedBody<V> {
  fields: Record<string, V>;
  files: FakeUploadedFile[];
}

/** Reads a whole request body into memory. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/**
 * Parses multipart/form-data leniently: header names and the `name=`/`filename=` parameters are matched
 * case-insensitively, with or without quotes and spaces (grammY writes `content-disposition:form-data;name="x"`).
 */
export function parseMultipart(body: Buffer, boundary: string): ParsedBody<string> {
  const fields: Record<string, string> = {};
  const files: FakeUploadedFile[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const partStart = start + delimiter.length;
    if (body.subarray(partStart, partStart + 2).toString() === "--") break;
    const next = body.indexOf(delimiter, partStart);
    if (next === -1) break;
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const data = part.subarray(headerEnd + 4);
      const name = /name\s*=\s*"?([^";\r\n]+)"?/i.exec(headers.replace(/filename\s*=\s*"?[^";\r\n]*"?/i, ""))?.[1];
      const filename = /filename\s*=\s*"?([^";\r\n]+)"?/i.exec(headers)?.[1];
      const contentType = /content-type\s*:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? "application/octet-stream";
      if (name !== undefined && filename !== undefined) {
        files.push({ field: name, filename, contentType, size: data.length, data: Buffer.from(data) });
      } else if (name !== undefined) {
        fields[name] = data.toString("utf8");
      }
    }
    start = next;
  }
  return { fields, files };
}

/** Parses a request body by its content type: JSON, urlencoded or multipart. Unknown types yield an empty payload. */
export function parseBody(contentType: string | undefined, raw: Buffer): ParsedBody<unknown> {
  const type = (contentType ?? "").toLowerCase();
  if (type.includes("application/json")) {
    const text = raw.toString("utf8");
    const parsed: unknown = text.trim() === "" ? {} : JSON.parse(text);
    return { fields: isRecord(parsed) ? parsed : { value: parsed }, files: [] };
  }
  if (type.includes("multipart/form-data")) {
    const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? "");
    const value = boundary?.[1] ?? boundary?.[2];
    return value === undefined ? { fields: {}, files: [] } : parseMultipart(raw, value.trim());
  }
  if (type.includes("application/x-www-form-urlencoded") || raw.length > 0) {
    return { fields: Object.fromEntries(new URLSearchParams(raw.toString("utf8"))), files: [] };
  }
  return { fields: {}, files: [] };
}

/** True for plain objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Starts listening on 127.0.0.1 with an OS-chosen port and resolves with `http://127.0.0.1:PORT`. */
export async function listenOnLoopback(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** Closes a server and drops keep-alive connections so clients with pooled agents cannot keep it open. */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
}

/**
 * Forced rate-limit windows on a fake's clock: while one runs, the platform refuses every call
 * with 429, as Telegram and Slack do when a bot has sent too much. The wait each refusal asks for
 * is what is left of the window, in whole seconds rounded up, so a client that waits exactly what
 * it is told sends its next call after the window.
 */
export class RateLimitWindows {
  private readonly windows: { startMs: number; endMs: number }[] = [];

  constructor(private readonly clock: () => number) {}

  /** Refuses every call for `seconds` from now on the fake's clock. */
  open(seconds: number): { startMs: number; endMs: number } {
    const startMs = this.clock();
    const window = { startMs, endMs: startMs + seconds * 1000 };
    this.windows.push(window);
    return { ...window };
  }

  /** The `retry_after` (seconds, at least 1) for a call at `atMs`, or undefined outside every window. */
  retryAfterAt(atMs: number): number | undefined {
    const running = this.windows.filter((window) => atMs >= window.startMs && atMs < window.endMs);
    if (running.length === 0) return undefined;
    const endMs = Math.max(...running.map((window) => window.endMs));
    return Math.max(1, Math.ceil((endMs - atMs) / 1000));
  }
}

/** Queued one-shot failures per method, consumed first-in first-out. */
export class FailureQueue<F> {
  private readonly queued = new Map<string, F[]>();

  add(method: string, failure: F): void {
    const list = this.queued.get(method) ?? [];
    list.push(failure);
    this.queued.set(method, list);
  }

  take(method: string): F | undefined {
    return this.queued.get(method)?.shift();
  }
}

/**
 * Records calls, notifies `call` listeners once each call is answered, and lets tests await calls. A throwing
 * listener becomes a process warning; it never changes the answer or starves other listeners.
 */
export class CallRecorder<C extends RecordedCall> {
  readonly calls: C[] = [];
  private readonly listeners = new Set<(call: C) => void>();

  arrived(call: C): void {
    this.calls.push(call);
  }

  answered(call: C, status: number, body: unknown): void {
    call.response = { status, body };
    for (const listener of [...this.listeners]) {
      try {
        listener(call);
      } catch (error) {
        process.emitWarning(`a 'call' listener threw: ${String(error)}`);
      }
    }
  }

  on(listener: (call: C) => void): void {
    this.listeners.add(listener);
  }

  off(listener: (call: C) => void): void {
    this.listeners.delete(listener);
  }

  callsOf(method: string): C[] {
    return this.calls.filter((call) => call.method === method);
  }

  async waitFor(method: string, predicate: (call: C) => boolean, timeoutMs: number): Promise<C> {
    const matches = (call: C): boolean => call.method === method && call.response !== undefined && predicate(call);
    const existing = this.calls.find(matches);
    if (existing !== undefined) return existing;
    return new Promise<C>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off(listener);
        reject(new Error(`no ${method} call within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (call: C): void => {
        if (!matches(call)) return;
        clearTimeout(timer);
        this.off(listener);
        resolve(call);
      };
      this.on(listener);
    });
  }
}
