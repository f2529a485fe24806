import type { Logger } from "pino";

/** A scheduler is stale when it has not ticked for this many intervals, and never sooner than {@link minStaleMs}. */
export const staleTicks = 3;
export const minStaleMs = 3 * 60_000;
/** A database slower than this to answer `SELECT 1` counts as failing: a health check must answer itself. */
export const pingTimeoutMs = 5_000;

/** The staleness bound for a scheduler ticking every `tickIntervalMs`. */
export function staleAfterMs(tickIntervalMs: number): number {
  return Math.max(staleTicks * tickIntervalMs, minStaleMs);
}

/** The last completed tick of this process's scheduler, on the wall clock. */
export interface SchedulerHeartbeat {
  /** Starts the watch: until the first tick, staleness counts from here (a fresh process is not stale). */
  start(): void;
  beat(): void;
  lastTickAt(): Date | null;
  /** The first mark: the last tick, or the start when none has completed yet. */
  since(): Date | null;
}

export function schedulerHeartbeat(now: () => Date): SchedulerHeartbeat {
  let startedAt: Date | null = null;
  let last: Date | null = null;
  return {
    start: () => {
      startedAt = now();
    },
    beat: () => {
      last = now();
    },
    lastTickAt: () => last,
    since: () => last ?? startedAt,
  };
}

export type HealthBody = {
  ok: boolean;
  database: "ok" | "failing";
  /** "off" when this process runs no scheduler (`cron: false`: another process ticks, or a test by hand). */
  scheduler: "off" | { lastTickAt: string | null; staleAfterSeconds: number; stale: boolean };
};

export interface HealthCheckOptions {
  ping(): Promise<void>;
  /** Null when this process runs no scheduler. */
  heartbeat: SchedulerHeartbeat | null;
  tickIntervalMs: number;
  now(): Date;
  logger: Logger;
}

/**
 * What `GET /healthz` answers: 200 when the database answers a trivial query and the scheduler
 * ticked within {@link staleAfterMs}, else 503 naming the part that fails. Measured on the wall
 * clock, never on workflow time (`tick --at` or a test's clock may move that anywhere).
 */
export function healthCheck(options: HealthCheckOptions): () => Promise<{ status: 200 | 503; body: HealthBody }> {
  const boundMs = staleAfterMs(options.tickIntervalMs);
  return async () => {
    const database = await pingWithin(options.ping, pingTimeoutMs).then(
      () => "ok" as const,
      (error: unknown) => {
        options.logger.warn({ err: error }, "health check: the database did not answer");
        return "failing" as const;
      },
    );
    let scheduler: HealthBody["scheduler"] = "off";
    if (options.heartbeat) {
      const since = options.heartbeat.since();
      const stale = since !== null && options.now().getTime() - since.getTime() > boundMs;
      scheduler = { lastTickAt: options.heartbeat.lastTickAt()?.toISOString() ?? null, staleAfterSeconds: boundMs / 1000, stale };
      if (stale) options.logger.warn({ lastTickAt: scheduler.lastTickAt, since }, "health check: the scheduler has not ticked in time");
    }
    const ok = database === "ok" && (scheduler === "off" || !scheduler.stale);
    return { status: ok ? 200 : 503, body: { ok, database, scheduler } };
  };
}

async function pingWithin(ping: () => Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
