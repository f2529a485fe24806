import type { Case } from "../case/case.js";
import type { Clock } from "../case/clock.js";
import type { Job, TaskJobPayload } from "../case/job.js";
import type { WorkOutcome } from "../case/kind.js";
import { alertTeam, recordEvent, refreshCard } from "../case/machinery/changes.js";
import { startClock } from "../case/machinery/clocks.js";
import { mentionsFor } from "../case/machinery/escalation.js";
import type { Store } from "../ports/store.js";
import { newId, type WorkflowContext, workingHoursOf } from "../ports/workflow-context.js";
import { taskJobId } from "./ensure-recurring-tasks.js";

export interface DueWorkReport {
  jobId: string;
  job: Job["payload"]["type"];
  caseNumber: string | null;
  /** The task a task job ran (`system.prune`); null for clock jobs. */
  task: string | null;
  /** `escalated`, `skipped`, `failed`, or what the kind's effect or task reports (`callback_prompted`). */
  outcome: string;
  detail: string;
}

const batchSize = 50;
const leaseMs = 60_000;
const retryFailedAfterMs = 60_000;
const maxJobAttempts = 5;

export interface RunDueWorkOptions {
  /**
   * The claiming process's lease holder id, so its claims go back to pending as soon as it is
   * proven dead (see `reclaimOutboxLeases`). Without it each run claims under an id of its own
   * (the command line's `tick`), left to its lease (see {@link isUnregisteredRun}).
   */
  leaseOwner?: string;
  /**
   * Asked before each claim: once true, the run ends after the jobs already claimed, and whatever
   * is still due (the next page of a long run) stays due for the next tick, of this process after
   * its restart or of another. It is not asked between claimed jobs, which would otherwise sit out
   * their lease.
   */
  shouldStop?: () => boolean;
}

/** How the claims of a run without a lease holder begin (the command line's `tick`). */
const unregisteredRunPrefix = "run:";

/**
 * Whether a claim was made by a run without a lease holder. No record ever proves such a run
 * alive, so its claims are left to their lease rather than taken back: a `tick --at` a later
 * instant would otherwise lose the jobs due only at that instant to an instance for which they
 * are not yet due.
 */
export function isUnregisteredRun(owner: string): boolean {
  return owner.startsWith(unregisteredRunPrefix);
}

/** What a job whose claim another process took over meanwhile reports; it did not run here. */
export const claimLost = "claim taken over by another process";

/**
 * Runs every job due at `ctx.time.now()`: clocks falling due fire their kind's effect, breached
 * clocks escalate once (and start the next rung of a ladder), stopped clocks are skipped, tasks
 * run and queue their next occurrence. Each job commits with its effects in one transaction; a
 * failing job is retried a minute later, up to five attempts.
 *
 * Several instances may run it at once: claims are exclusive, and each job's transaction begins
 * by holding its claim (`holdClaim`), so a job whose lease expired or was released while it
 * waited in this batch is skipped here, and the one that took it over waits for a run in
 * progress to commit. A job's effects therefore commit once, however claims move.
 */
export async function runDueWork(ctx: WorkflowContext, options: RunDueWorkOptions = {}): Promise<DueWorkReport[]> {
  const owner = options.leaseOwner ?? `${unregisteredRunPrefix}${newId()}`;
  const reports: DueWorkReport[] = [];
  while (!options.shouldStop?.()) {
    const now = ctx.time.now();
    // The lease runs on the wall clock too: `tick --at` a past instant must not hand out leases
    // that have already expired while the running service could claim the same job.
    const leaseUntil = new Date(Math.max(now.getTime(), Date.now()) + leaseMs);
    const jobs = await ctx.uow.transaction((store) => store.jobs.claimDue(now, batchSize, leaseUntil, owner));
    if (jobs.length === 0) break;
    // Claimed until none is due: a job may queue more work due at once (the next page of a long run).
    for (const job of jobs) reports.push(await runJob(ctx, job, now, owner));
  }
  if (reports.some((report) => report.outcome !== "skipped")) ctx.onOutboxWritten?.();
  return reports;
}

async function runJob(ctx: WorkflowContext, job: Job, now: Date, owner: string): Promise<DueWorkReport> {
  const lost = (): DueWorkReport => ({ jobId: job.id, job: job.payload.type, caseNumber: null, task: taskOf(job), outcome: "skipped", detail: claimLost });
  try {
    return await ctx.uow.transaction(async (store) => {
      if (!(await store.jobs.holdClaim(job.id, owner))) return lost();
      const report = await applyJob(ctx, store, job, now);
      await store.jobs.markDone(job.id);
      return report;
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const retryAt = job.attempts + 1 >= maxJobAttempts ? null : new Date(now.getTime() + retryFailedAfterMs);
    const recorded = await ctx.uow.transaction(async (store) => {
      if (!(await store.jobs.holdClaim(job.id, owner))) return false;
      await store.jobs.markFailed(job.id, detail, retryAt);
      return true;
    });
    if (!recorded) return lost();
    return { jobId: job.id, job: job.payload.type, caseNumber: null, task: taskOf(job), outcome: "failed", detail };
  }
}

function taskOf(job: Job): string | null {
  return job.payload.type === "task" ? job.payload.task : null;
}

function reportOf(job: Job, caseNumber: string | null, outcome: WorkOutcome): DueWorkReport {
  const base = { jobId: job.id, job: job.payload.type, caseNumber, task: taskOf(job) };
  return "skipped" in outcome ? { ...base, outcome: "skipped", detail: outcome.skipped } : { ...base, ...outcome };
}

async function applyJob(ctx: WorkflowContext, store: Store, job: Job, now: Date): Promise<DueWorkReport> {
  if (job.payload.type === "task") return runTask(ctx, store, job, job.payload, now);
  const clock = await store.clocks.findById(job.payload.clockId);
  const subject = clock ? await store.cases.findById(clock.caseId) : null;
  if (!clock || !subject) return reportOf(job, null, { skipped: "clock or case no longer exists" });
  if (clock.stoppedAt) return reportOf(job, subject.number, { skipped: `${clock.rule} already stopped` });
  const kind = ctx.kinds.kindOf(subject);
  const rule = kind.clockRules[clock.rule];
  if (!rule) return reportOf(job, subject.number, { skipped: `${clock.rule} is not a rule of ${kind.id}` });

  if (job.payload.type === "clock.due") {
    const effect = rule.onDue ? kind.dueEffects[rule.onDue] : undefined;
    if (!effect) return reportOf(job, subject.number, { skipped: `${clock.rule} has no due effect` });
    return reportOf(job, subject.number, await effect({ store, kind, clock, subject, now, timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) }));
  }
  return reportOf(job, subject.number, await breach(ctx, store, clock, subject, now));
}

/** A clock still running at its breach: one alert to its escalation target, then the ladder's next rung. */
async function breach(ctx: WorkflowContext, store: Store, clock: Clock, subject: Case, now: Date): Promise<WorkOutcome> {
  const kind = ctx.kinds.kindOf(subject);
  const rule = kind.clockRules[clock.rule];
  if (!rule || clock.escalatedAt) return { skipped: `${clock.rule} already escalated` };
  await store.clocks.save({ ...clock, escalatedAt: now });
  const done: string[] = [];
  if (rule.escalation) {
    const params = kind.alertParams?.(subject, clock) ?? { number: subject.number, dueAt: { instant: clock.dueAt.toISOString() } };
    await alertTeam(store, { team: rule.escalation.to.team, key: rule.escalation.alertKey, params, mentions: await mentionsFor(store, rule.escalation.to), caseId: subject.id, at: now });
    await recordEvent(store, subject, { type: "escalated", actor: { type: "system" }, at: now, data: { rule: clock.rule, to: `${rule.escalation.to.team}/${rule.escalation.to.role}` } });
    done.push(`${rule.escalation.to.team} ${rule.escalation.to.role} alerted`);
  }
  if (rule.then) {
    const next = await startClock(store, kind, { caseId: subject.id, rule: rule.then, anchor: now, timeZone: ctx.timeZone, subject: clock.subject, data: clock.data });
    await recordEvent(store, subject, { type: "clock_started", actor: { type: "system" }, at: now, data: { rule: next.rule, after: clock.rule, dueAt: next.dueAt.toISOString() } });
    done.push(`${rule.then} started`);
  }
  // The card says the clock is overdue from now on (and shows the next rung's): redraw it, every copy, in place.
  await refreshCard(store, kind, subject, now);
  return { outcome: "escalated", detail: `${clock.rule} breached; ${done.join("; ")}` };
}

async function runTask(ctx: WorkflowContext, store: Store, job: Job, payload: TaskJobPayload, now: Date): Promise<DueWorkReport> {
  const task = ctx.kinds.task(payload.task);
  if (!task) return reportOf(job, null, { skipped: `no task ${payload.task} in this deployment` });
  const subject = payload.caseId ? await store.cases.findById(payload.caseId) : null;
  const outcome = await task.run({ store, job, subject, data: payload.data, now, timeZone: ctx.timeZone, workingHours: workingHoursOf(ctx) });
  if (task.next) {
    // From the instant it was due, not from now: a late run (the service was down) does not shift the schedule.
    const runAt = task.next(job.runAt, ctx.timeZone);
    await store.jobs.enqueueOnce({ id: taskJobId(payload.task, payload.caseId, runAt), runAt, payload });
  }
  return reportOf(job, subject?.number ?? null, outcome);
}
