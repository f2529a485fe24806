import type { ExpressReceiver } from "@slack/bolt";
import type { Logger } from "pino";

type ExpressApp = ExpressReceiver["app"];

/**
 * The last handler of the product's HTTP app. Express's own answers an error with an HTML page
 * holding the stack (whenever `NODE_ENV` is not `production`, unset included) and prints it raw
 * on stderr; this one answers with the status alone (a client's fault keeps its 4xx, anything
 * else is 500) and logs one structured line. Install it after every route.
 */
export function installHttpErrorHandler(app: ExpressApp, logger: Logger): void {
  app.use((error: unknown, req: { method: string; path: string }, res: { headersSent: boolean; status(code: number): { end(): void } }, next: (error?: unknown) => void) => {
    if (res.headersSent) return next(error);
    const status = clientStatusOf(error) ?? 500;
    const fields = { method: req.method, path: req.path, status, error: error instanceof Error ? { type: error.name, message: error.message } : { type: typeof error } };
    if (status >= 500) logger.error(fields, "http request failed");
    else logger.warn(fields, "http request refused");
    res.status(status).end();
  });
}

function clientStatusOf(error: unknown): number | null {
  if (typeof error !== "object" || error === null) return null;
  const status = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : null;
}
