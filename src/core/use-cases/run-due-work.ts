import type { Clock, ClockEffect } from "../domain/clock.js";
import type { Job } from "../domain/job.js";
import type { Ticket } from "../domain/ticket.js";
import type { Store } from "../ports/store.js";
import type { WorkflowContext } from "../ports/workflow-context.js";
import { newId } from "../ports/workflow-context.js";
import { clockRules } from "../rules/clocks.js";
import { mentionsFor } from "./shared/escalation.js";
import { recordEvent } from "./shared/ticket-changes.js";

export interface DueWorkReport {
  jobId: string;
  job: Job["payload"]["type"];
  ticketNumber: string | null;
  outcome: "callback_prompted" | "escalated" | "skipped" | "failed";
  detail: string;
}

const batchSize = 50;
const leaseMs = 60_000;
const retryFailedAfterMs = 60_000;
const maxJobAttempts = 5;

/**
 * Runs every job due at `ctx.time.now()`: clocks falling due fire their effect, breached clocks
 * escalate once, stopped clocks are skipped. Each job commits with its effects in one
 * transaction; a failing job is retried a minute later, up to five attempts.
 */
export async function runDueWork(ctx: WorkflowContext): Promise<DueWorkReport[]> {
  const reports: DueWorkReport[] = [];
  for (;;) {
    const now = ctx.time.now();
    // The lease runs on the wall clock too: `tick --at` a past instant must not hand out leases
    // that have already expired while the running service could claim the same job.
    const leaseUntil = new Date(Math.max(now.getTime(), Date.now()) + leaseMs);
    const jobs = await ctx.uow.transaction((store) => store.jobs.claimDue(now, batchSize, leaseUntil));
    if (jobs.length === 0) break;
    for (const job of jobs) reports.push(await runJob(ctx, job, now));
    if (jobs.length < batchSize) break;
  }
  if (reports.some((report) => report.outcome !== "skipped")) ctx.onOutboxWritten?.();
  return reports;
}

async function runJob(ctx: WorkflowContext, job: Job, now: Date): Promise<DueWorkReport> {
  try {
    return await ctx.uow.transaction(async (store) => {
      const report = await applyJob(store, job, now);
      await store.jobs.markDone(job.id);
      return report;
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const retryAt = job.attempts + 1 >= maxJobAttempts ? null : new Date(now.getTime() + retryFailedAfterMs);
    await ctx.uow.transaction((store) => store.jobs.markFailed(job.id, detail, retryAt));
    return { jobId: job.id, job: job.payload.type, ticketNumber: null, outcome: "failed", detail };
  }
}

async function applyJob(store: Store, job: Job, now: Date): Promise<DueWorkReport> {
  const base = { jobId: job.id, job: job.payload.type };
  const clock = await store.clocks.findById(job.payload.clockId);
  const ticket = clock ? await store.tickets.findById(clock.ticketId) : null;
  if (!clock || !ticket) return { ...base, ticketNumber: null, outcome: "skipped", detail: "clock or ticket no longer exists" };
  const skip = (detail: string): DueWorkReport => ({ ...base, ticketNumber: ticket.number, outcome: "skipped", detail });
  if (clock.stoppedAt) return skip(`${clock.rule} already stopped`);

  if (job.payload.type === "clock.due") {
    const effect = clockRules[clock.rule].onDue;
    if (!effect) return skip(`${clock.rule} has no due effect`);
    const outcome = await dueEffects[effect](store, clock, ticket, now);
    return typeof outcome === "string" ? skip(outcome) : { ...base, ticketNumber: ticket.number, ...outcome };
  }

  return escalate(store, clock, ticket, now, base);
}

type DueEffectResult = Pick<DueWorkReport, "outcome" | "detail"> | string;

/** What each clock effect does when its clock falls due; a returned string is why it was skipped. */
const dueEffects: Record<ClockEffect, (store: Store, clock: Clock, ticket: Ticket, now: Date) => Promise<DueEffectResult>> = {
  async "callback.prompt"(store, clock, ticket, now) {
    const callbackId = String(clock.data.callbackId);
    const attempt = Number(clock.data.attempt ?? 1);
    const callback = await store.callbacks.findById(callbackId);
    if (!callback || callback.status !== "scheduled") return `callback ${callbackId} is ${callback?.status ?? "gone"}`;
    await store.callbacks.save({ ...callback, status: "prompted" });
    await store.outbox.enqueue({ id: newId(), createdAt: now, payload: { type: "staff.callback-prompt", ticketId: ticket.id, callbackId, attempt } });
    await recordEvent(store, ticket, { type: "callback_prompted", actor: { type: "system" }, at: now, data: { attempt, dueAt: clock.dueAt.toISOString() } });
    return { outcome: "callback_prompted", detail: `callback attempt ${attempt} prompted to the front desk` };
  },
};

async function escalate(store: Store, clock: Clock, ticket: Ticket, now: Date, base: Pick<DueWorkReport, "jobId" | "job">): Promise<DueWorkReport> {
  const ticketNumber = ticket.number;
  const escalation = clockRules[clock.rule].escalation;
  if (!escalation || clock.escalatedAt) return { ...base, ticketNumber, outcome: "skipped", detail: `${clock.rule} already escalated` };
  await store.clocks.save({ ...clock, escalatedAt: now });
  const mentions = await mentionsFor(store, escalation.to);
  await store.outbox.enqueue({
    id: newId(),
    createdAt: now,
    payload: {
      type: "staff.alert",
      team: escalation.to.team,
      key: escalation.alertKey,
      params: { number: ticketNumber, dueAt: { instant: clock.dueAt.toISOString() } },
      mentions,
      ticketId: ticket.id,
    },
  });
  await recordEvent(store, ticket, { type: "escalated", actor: { type: "system" }, at: now, data: { rule: clock.rule, to: `${escalation.to.team}/${escalation.to.role}` } });
  return { ...base, ticketNumber, outcome: "escalated", detail: `${clock.rule} breached; ${escalation.to.team} ${escalation.to.role} alerted` };
}
