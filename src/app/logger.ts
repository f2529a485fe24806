import { pino, type Logger } from "pino";
import { logDestination } from "./terminal-log.js";

/**
 * Structured logs, objects first. Phones, ID numbers and tokens are redacted wherever they
 * appear in a logged object, so a careless `log.info({ identity })` leaks nothing. Without a
 * destination: readable lines when stdout is a terminal, JSON lines otherwise.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      redact: {
        paths: ["phone", "*.phone", "*.*.phone", "token", "*.token", "idNumber", "*.idNumber", "headers.authorization", "*.headers.authorization"],
        censor: "[redacted]",
      },
    },
    (destination ?? logDestination()) as pino.DestinationStream,
  );
}
