import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Logger } from "pino";
import type { UnitOfWork } from "../../core/ports/store.js";
import { LeaseHolderSchema, leaseHolderKey, reclaimOutboxLeases, type LeaseHolder } from "../../core/use-cases/reclaim-outbox-leases.js";

export interface LeaseHolderOptions {
  uow: UnitOfWork;
  logger: Logger;
  /** How often this process proves it is alive; default 2 s. */
  heartbeatMs?: number;
  /** A holder whose heartbeat this process has seen unchanged for this long is dead; default 3 heartbeats. */
  silentMs?: number;
  /** For tests: the host and pid this process reports, and whether a pid on this host runs. */
  host?: string;
  pid?: number;
  isRunning?: (pid: number) => boolean;
  nowMs?: () => number;
  /**
   * Told when a reclaim put a dead holder's claimed jobs back to pending, so the scheduler runs
   * them now instead of at its next tick (up to a minute away).
   */
  onJobsReleased?: (count: number) => void;
}

export interface OutboxLeaseHolder {
  /** This process's lease owner id, written on every message it claims. */
  readonly id: string;
  /** Writes this process's record; call before the first claim. */
  start(): Promise<void>;
  /** Takes back the leases and job claims of holders proven dead; returns how many messages went back. */
  reclaim(): Promise<number>;
  /**
   * Whether the process `owner` is proven gone by the same rules as `reclaim` (another's sender
   * lease is taken over at once then, instead of after its beat has stood still).
   */
  isGone(owner: string): Promise<boolean>;
  /** Stops the heartbeat and removes the record (after the last delivery). */
  stop(): Promise<void>;
}

/** `kill(pid, 0)` sends nothing; it fails with ESRCH when no such process exists. */
function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * This process as a holder of outbox leases, and the judge of which other holders are dead.
 * A holder is proven dead when:
 * - it has no record (it never wrote one, or it stopped cleanly and so holds nothing live);
 * - it ran on this host under a pid that no longer runs, or under this process's own pid (this
 *   process's previous run, restarted in a container where the pid is always the same);
 * - its heartbeat has not changed for `silentMs` while this process watched (any host; the
 *   watching is on this process's clock, so clocks differing between hosts do not matter).
 *
 * Danger: two live containers given the same hostname and both pid 1 would each take the
 * other for its own previous run. Give containers distinct hostnames (the default).
 */
export function createLeaseHolder(options: LeaseHolderOptions): OutboxLeaseHolder {
  const id = randomUUID();
  const host = options.host ?? os.hostname();
  const pid = options.pid ?? process.pid;
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const silentMs = options.silentMs ?? heartbeatMs * 3;
  const isRunning = options.isRunning ?? pidRuns;
  const nowMs = options.nowMs ?? Date.now;
  const startedAt = new Date(nowMs()).toISOString();
  const seen = new Map<string, { beat: string; sinceMs: number }>();
  let beats = 0;
  let timer: NodeJS.Timeout | null = null;
  const log = options.logger.child({ leaseOwner: id });

  const write = () => {
    beats += 1;
    const record: LeaseHolder = { host, pid, startedAt, beat: `${startedAt}#${beats}` };
    return options.uow.transaction((store) => store.keyValues.set(leaseHolderKey(id), JSON.stringify(record)));
  };

  const isGone = (owner: string, holder: LeaseHolder | null): boolean => {
    if (holder === null) return true;
    if (holder.host === host && (holder.pid === pid || !isRunning(holder.pid))) return true;
    const last = seen.get(owner);
    if (!last || last.beat !== holder.beat) {
      seen.set(owner, { beat: holder.beat, sinceMs: nowMs() });
      return false;
    }
    return nowMs() - last.sinceMs >= silentMs;
  };

  return {
    id,
    async start() {
      await write();
      timer = setInterval(() => {
        write().catch((error: unknown) => log.warn({ err: error }, "outbox heartbeat could not be written"));
      }, heartbeatMs);
      timer.unref();
    },
    async reclaim() {
      const report = await reclaimOutboxLeases(options.uow, { self: id, isGone });
      for (const { owner, released, jobs } of report) {
        seen.delete(owner);
        log.warn({ deadOwner: owner, released, jobs }, "took back the outbox leases and job claims of a process that is gone");
      }
      const jobs = report.reduce((sum, entry) => sum + entry.jobs, 0);
      if (jobs > 0) options.onJobsReleased?.(jobs);
      return report.reduce((sum, entry) => sum + entry.released, 0);
    },
    async isGone(owner) {
      if (owner === id) return false;
      const raw = await options.uow.transaction((store) => store.keyValues.get(leaseHolderKey(owner)));
      let parsed: LeaseHolder | null = null;
      try {
        const result = raw === null ? null : LeaseHolderSchema.safeParse(JSON.parse(raw));
        parsed = result?.success ? result.data : null;
      } catch {
        parsed = null;
      }
      return isGone(owner, parsed);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await options.uow.transaction((store) => store.keyValues.delete(leaseHolderKey(id)));
    },
  };
}
