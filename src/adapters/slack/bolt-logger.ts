import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "pino";

function line(messages: unknown[]): string {
  return messages
    .map((message) => (typeof message === "string" ? message : message instanceof Error ? `${message.name}: ${message.message}` : `[${typeof message}]`))
    .join(" ");
}

/**
 * Bolt's and web-api's logger interface on top of pino. Debug lines are dropped on purpose:
 * at that level web-api logs request bodies (owner names, descriptions, tokens in form fields).
 * Objects are never serialised, for the same reason.
 */
export function toBoltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  let name = "slack";
  return {
    debug: () => undefined,
    info: (...messages: unknown[]) => logger.info({ source: name }, line(messages)),
    warn: (...messages: unknown[]) => logger.warn({ source: name }, line(messages)),
    error: (...messages: unknown[]) => logger.error({ source: name }, line(messages)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
  };
}
