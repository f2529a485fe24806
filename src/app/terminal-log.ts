import { PinoPretty } from "pino-pretty";

/**
 * Where the log goes: readable lines on a terminal (an operator watching `npm start`), drawn by
 * pino-pretty as `[10:12:54] INFO: case event {case: R-2026-000001, action: claim}`; JSON lines
 * otherwise (a service manager or log shipper parses them). Formatting happens after pino's
 * redaction, so a line never shows more than the JSON would.
 */
export function logDestination(stdout: NodeJS.WriteStream = process.stdout): NodeJS.WritableStream {
  if (!stdout.isTTY) return stdout;
  return PinoPretty({
    destination: stdout,
    colorize: stdout.hasColors?.() ?? false,
    translateTime: "SYS:HH:MM:ss",
    ignore: "pid,hostname",
    singleLine: true,
    // Synchronous, so the last lines before an exit (a start-up error) are not lost.
    sync: true,
  });
}
