import { z } from "zod";
import type { UnitOfWork } from "../core/ports/store.js";
import type { TimeSource } from "../core/ports/time-source.js";
import type { WorkflowContext } from "../core/ports/workflow-context.js";
import { runDueWork, type DueWorkReport } from "../core/use-cases/run-due-work.js";

const offsetKey = "playground:clock";
const StoredOffsetSchema = z.object({ offsetMs: z.number().int().min(0) });

/**
 * The product's time in the playground: the wall clock plus an offset that only grows. Moving
 * time forward lets a player watch a two-day callback fall due in a second; the offset is stored
 * in the database, so after a restart the product does not travel back to before the events
 * it has already recorded (a callback "due" earlier than the work it follows up).
 */
export class VirtualClock implements TimeSource {
  private offset = 0;

  constructor(private readonly wallMs: () => number = Date.now) {}

  now(): Date {
    return new Date(this.wallMs() + this.offset);
  }

  /** How far the product runs ahead of the wall clock. */
  get offsetMs(): number {
    return this.offset;
  }

  /** Adopts the stored offset (0 for a fresh database, or after a reset wiped it). */
  async load(uow: UnitOfWork): Promise<void> {
    const raw = await uow.transaction((store) => store.keyValues.get(offsetKey));
    let offsetMs = 0;
    if (raw !== null) {
      try {
        offsetMs = StoredOffsetSchema.parse(JSON.parse(raw)).offsetMs;
      } catch {
        offsetMs = 0;
      }
    }
    this.offset = offsetMs;
  }

  /**
   * Moves the product's time to `target` and stores it. A span is added to the offset itself, so
   * "+2 days" is exactly two days however long the request takes; an instant is reached from one
   * reading of the wall clock. Refuses to go back: jobs already run and events already recorded
   * would then lie in the future.
   */
  async move(uow: UnitOfWork, target: ClockTarget): Promise<void> {
    const offsetMs = "byMs" in target ? this.offset + target.byMs : Math.round(target.to.getTime() - this.wallMs());
    if (offsetMs < this.offset) throw new ClockError(`the product's time only moves forward; it is already ${this.now().toISOString()}`);
    await uow.transaction((store) => store.keyValues.set(offsetKey, JSON.stringify({ offsetMs })));
    this.offset = offsetMs;
  }
}

/** Where the clock control moves the product's time: forward by a span, or to an instant. */
export type ClockTarget = { byMs: number } | { to: Date };

/** A clock request the playground refuses (the page shows the message). */
export class ClockError extends Error {
  override readonly name = "ClockError";
}

/** What the clock control did: the new time and each job that ran, as `tick` prints them. */
export interface ClockMove {
  now: Date;
  reports: DueWorkReport[];
}

/**
 * Moves the product's time and runs the work due by then, as the cron ticker would have over
 * that span. The outbox worker is woken by the core and delivers on wall time at once.
 */
export async function advanceClock(ctx: WorkflowContext, clock: VirtualClock, target: ClockTarget): Promise<ClockMove> {
  await clock.move(ctx.uow, target);
  const reports = await runDueWork(ctx);
  return { now: clock.now(), reports };
}

/** A job waiting for its time, described for the clock control's "coming up" list. */
export interface UpcomingWork {
  jobId: string;
  at: Date;
  ticketNumber: string | null;
  job: "clock.due" | "clock.breach";
  rule: string | null;
  /** Whom a breach alerts ("frontdesk/leader"); null for a due effect or a rule without escalation. */
  alerts: string | null;
}

/**
 * The next clock jobs by due time (up to `until` when given), with the case and clock they belong
 * to; housekeeping tasks are left out. A complaint's clocks have no due effect, only a breach, so
 * naming the clock and whom it alerts is what tells a player which step is about to be late.
 */
export async function upcomingWork(ctx: WorkflowContext, limit = 6, until: Date | null = null): Promise<UpcomingWork[]> {
  return ctx.uow.transaction(async (store) => {
    const jobs = await store.jobs.listPending(until, limit * 2);
    const described: UpcomingWork[] = [];
    for (const job of jobs) {
      if (job.payload.type === "task") continue;
      const clock = await store.clocks.findById(job.payload.clockId);
      if (clock?.stoppedAt) continue;
      const subject = clock ? await store.cases.findById(clock.caseId) : null;
      const escalation = subject && clock && job.payload.type === "clock.breach" ? ctx.kinds.kindOf(subject).clockRules[clock.rule]?.escalation : undefined;
      const alerts = escalation ? `${escalation.to.team}/${escalation.to.role}` : null;
      described.push({ jobId: job.id, at: job.runAt, ticketNumber: subject?.number ?? null, job: job.payload.type, rule: clock?.rule ?? null, alerts });
    }
    return described.slice(0, limit);
  });
}
