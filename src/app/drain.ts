import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";

/**
 * Counts work in flight (HTTP requests, Slack listeners after their ack) so a stopping process
 * can wait for it to end before it closes the database under it.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.count;
  }

  enter(): void {
    this.count += 1;
  }

  leave(): void {
    this.count = Math.max(0, this.count - 1);
    if (this.count === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Runs `work` counted in. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  /** Resolves once nothing is in flight (at once when nothing is). */
  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

/**
 * The HTTP front door of a process that can drain: every request that can change something (not
 * GET or HEAD: webhooks, Slack's requests, the playground's actions) is counted in `inFlight` until
 * its response is finished or its connection gone. Reads are not waited for: a long-lived one (the
 * playground's event stream) would hold every stop for the whole drain. Once `refuse` was called, a new request,
 * including one on a kept-alive connection, gets 503 with `Connection: close` and reaches no
 * route. Telegram and Slack then deliver again later, to this process after its restart or to
 * another instance, instead of to one about to close its database.
 */
export function drainableIntake(handler: RequestListener, inFlight: InFlight): { listener: RequestListener; refuse(): void } {
  let refusing = false;
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    if (refusing) {
      res.writeHead(503, { connection: "close", "retry-after": "5", "content-type": "text/plain; charset=utf-8" }).end("stopping\n");
      // The body is not read: drop the connection once the answer is out.
      res.once("finish", () => req.socket.destroySoon());
      return;
    }
    if (req.method === "GET" || req.method === "HEAD") return handler(req, res);
    inFlight.enter();
    let counted = true;
    const leave = () => {
      if (!counted) return;
      counted = false;
      inFlight.leave();
    };
    res.once("finish", leave);
    res.once("close", leave);
    handler(req, res);
  };
  return {
    listener,
    refuse() {
      refusing = true;
    },
  };
}

/** Whether `work` settled within `ms` (its failure counts as settled: the caller logs it). */
export async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true, () => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
