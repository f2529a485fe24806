import { Writable } from "node:stream";

const levels: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 30: "INFO ", 40: "WARN ", 50: "ERROR", 60: "FATAL" };
/** Fields every line has, shown in the line's head rather than as `key=value`. */
const head = new Set(["level", "time", "msg", "pid", "hostname"]);

function shown(value: unknown): string {
  if (typeof value === "string") return /\s/.test(value) ? JSON.stringify(value) : value;
  return JSON.stringify(value);
}

/**
 * One pino JSON line as a person reads it on a terminal: `10:12:54 INFO  case event case=R-2026-000001
 * action=claim`. Anything that is not a pino line is passed through unchanged.
 */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line;
  }
  const time = typeof entry.time === "number" ? new Date(entry.time).toISOString().slice(11, 19) : "--:--:--";
  const level = levels[Number(entry.level)] ?? String(entry.level);
  const fields = Object.entries(entry).filter(([key]) => !head.has(key)).map(([key, value]) => `${key}=${shown(value)}`);
  return [time, level, String(entry.msg ?? ""), ...fields].join(" ");
}

/**
 * Where the log goes: readable lines on a terminal (an operator watching `npm start`), JSON lines
 * otherwise (a service manager or log shipper parses them). Formatting happens after pino's
 * redaction, so a line never shows more than the JSON would.
 */
export function logDestination(stdout: NodeJS.WriteStream = process.stdout): NodeJS.WritableStream {
  if (!stdout.isTTY) return stdout;
  let pending = "";
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line !== "") stdout.write(`${formatLogLine(line)}\n`);
      done();
    },
  });
}
