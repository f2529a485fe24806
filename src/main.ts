import { pathToFileURL } from "node:url";
import type { Logger } from "pino";
import { buildApp } from "./app/build-app.js";
import { loadDotEnv } from "./app/dot-env.js";
import { PortInUseError } from "./app/port-in-use.js";
import { ConfigError, loadConfig } from "./config/config.js";
import { startPlayground } from "./playground/start-playground.js";

/** What `npm start` started: where it listens and how to stop it. */
export interface Started {
  url: string;
  logger: Logger;
  stop(): Promise<void>;
}

/**
 * Starts the product the environment describes: against the real Telegram and Slack, or, with
 * none of their credentials set, as the local playground. `print` receives the lines a person
 * starting it must see (the address to open), apart from the structured log.
 */
export async function startFromEnv(env: Record<string, string | undefined>, print: (line: string) => void = console.log): Promise<Started> {
  const config = loadConfig(env);
  if (config.mode === "playground") {
    const running = await startPlayground(config);
    print(`front desk playground: no Telegram or Slack credentials set, so both run in-process with demo data (${config.databaseUrl})`);
    print(`open ${running.url}/ to play the owners' phones and the staff's Slack side by side`);
    return { url: running.url, logger: running.app.logger, stop: () => running.stop() };
  }
  const app = await buildApp(config, { awaitTelegram: false });
  const url = await app.start();
  print(`front desk listening on ${url}`);
  return { url, logger: app.logger, stop: () => app.stop() };
}

async function main(): Promise<void> {
  loadDotEnv();
  let started: Started;
  try {
    started = await startFromEnv(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`configuration error: ${error.message}`);
      process.exit(1);
    }
    if (error instanceof PortInUseError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  stopOnSignals(started);
}

/** How long a stop may take before the process gives up on it: the drain's 8 s and the closing. */
export const stopDeadlineMs = 10_000;

/**
 * SIGTERM (a service manager, a container's stop) and SIGINT (Ctrl-C) drain the product (see
 * `stop`) and exit 0. A stop that fails, or still runs after {@link stopDeadlineMs}, exits 1 so
 * the operator reads the log; a second signal during the stop changes nothing.
 */
export function stopOnSignals(started: Pick<Started, "logger" | "stop">, exit: (code: number) => void = (code) => process.exit(code)): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    started.logger.info({ signal }, "stopping");
    const deadline = setTimeout(() => {
      started.logger.error({ signal, deadlineMs: stopDeadlineMs }, "stop did not finish in time; exiting anyway");
      exit(1);
    }, stopDeadlineMs);
    deadline.unref();
    started.stop().then(
      () => {
        clearTimeout(deadline);
        started.logger.info({ signal }, "stopped");
        exit(0);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        started.logger.error({ err: error }, "stop failed");
        exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack ?? error.message : String(error));
    process.exit(1);
  });
}
