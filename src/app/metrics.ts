import { Counter, Gauge, Registry } from "prom-client";
import type { UnitOfWork } from "../core/ports/store.js";
import type { TimeSource } from "../core/ports/time-source.js";

export type Platform = "telegram" | "slack";

/** What the adapters report as it happens; the backlog gauges are read from the store at scrape time. */
export interface FrontDeskMetrics {
  updateHandled(platform: Platform): void;
  rateLimited(platform: Platform): void;
  escalated(count: number): void;
  /** Reads the backlog from the store, then renders every metric in the Prometheus text format. */
  render(): Promise<string>;
  contentType: string;
}

export interface MetricsOptions {
  uow: UnitOfWork;
  /**
   * Workflow time: outbox rows and jobs are stamped with it (`tick --at` may move it), so the
   * ages are measured on it too.
   */
  time: TimeSource;
}

const platforms: readonly Platform[] = ["telegram", "slack"];

const secondsSince = (at: Date | null, now: Date) => (at ? Math.max(0, (now.getTime() - at.getTime()) / 1000) : 0);

/**
 * The product's Prometheus metrics, on a registry of this app's own (never prom-client's global
 * one), so two apps in one process (tests, the playground's restarts) count apart.
 *
 * Counters are per process and start at 0 (Prometheus sums instances and handles restarts with
 * `rate`); the backlog gauges describe the shared database, so every instance reports the same
 * values: aggregate them with `max`, not `sum`.
 */
export function createMetrics(options: MetricsOptions): FrontDeskMetrics {
  const registry = new Registry();
  const registers = [registry];
  const updates = new Counter({ name: "frontdesk_updates_handled_total", help: "Incoming Telegram updates and Slack requests handled to the end (redeliveries dropped and crashes not counted).", labelNames: ["platform"], registers });
  const rateLimited = new Counter({ name: "frontdesk_rate_limited_total", help: "429 answers from a platform, to the bot's replies and the outbox's deliveries alike.", labelNames: ["platform"], registers });
  const escalations = new Counter({ name: "frontdesk_escalations_total", help: "Clock breaches escalated by this process's scheduler.", registers });
  // Labelled series exist from the start, so a dashboard shows 0 rather than no data.
  for (const platform of platforms) {
    updates.labels(platform).inc(0);
    rateLimited.labels(platform).inc(0);
  }
  const outboxPending = new Gauge({ name: "frontdesk_outbox_pending", help: "Outbox messages not yet delivered (pending or being sent).", registers });
  const outboxOldest = new Gauge({ name: "frontdesk_outbox_oldest_pending_seconds", help: "Age of the oldest undelivered outbox message; 0 when none waits.", registers });
  const outboxDead = new Gauge({ name: "frontdesk_outbox_dead", help: "Dead letters: messages given up on, waiting for `npm run frontdesk -- outbox retry-dead`.", registers });
  const jobsDue = new Gauge({ name: "frontdesk_jobs_due", help: "Pending jobs whose time has come and that no tick has taken yet.", registers });
  const jobsOldest = new Gauge({ name: "frontdesk_jobs_oldest_overdue_seconds", help: "How long the most overdue pending job has waited past its time; 0 when none is due.", registers });

  return {
    updateHandled: (platform) => updates.labels(platform).inc(),
    rateLimited: (platform) => rateLimited.labels(platform).inc(),
    escalated: (count) => {
      if (count > 0) escalations.inc(count);
    },
    async render() {
      const now = options.time.now();
      const { outbox, jobs } = await options.uow.transaction(async (store) => ({ outbox: await store.outbox.backlog(), jobs: await store.jobs.dueBacklog(now) }));
      outboxPending.set(outbox.undelivered);
      outboxOldest.set(secondsSince(outbox.oldestUndeliveredAt, now));
      outboxDead.set(outbox.dead);
      jobsDue.set(jobs.due);
      jobsOldest.set(secondsSince(jobs.oldestDueAt, now));
      return registry.metrics();
    },
    contentType: registry.contentType,
  };
}
