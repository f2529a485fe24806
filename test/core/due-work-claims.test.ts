import { describe, expect, it } from "vitest";
import { CaseKindRegistry } from "../../src/core/case/registry.js";
import type { Store } from "../../src/core/ports/store.js";
import type { WorkflowContext } from "../../src/core/ports/workflow-context.js";
import { reclaimOutboxLeases } from "../../src/core/use-cases/reclaim-outbox-leases.js";
import { claimLost, runDueWork } from "../../src/core/use-cases/run-due-work.js";
import { createMemoryStore } from "../../src/testing/memory-store.js";
import { ManualTime } from "../support/workflow-fixture.js";

const t0 = new Date("2026-12-01T02:00:00.000Z");

/** A deployment whose one task records every run it commits, so a second run would show. */
function deployment(onRun: (jobId: string, store: Store) => Promise<void>) {
  const store = createMemoryStore();
  const runs: string[] = [];
  const kinds = new CaseKindRegistry([], {
    "system.record": {
      source: "test: a task whose every run is visible",
      async run({ store: tx, job }) {
        await onRun(job.id, tx);
        runs.push(job.id);
        return { outcome: "recorded", detail: job.id };
      },
    },
  });
  const ctx: WorkflowContext = { uow: store, time: new ManualTime(t0), timeZone: "Asia/Shanghai", kinds };
  const enqueue = (id: string) => store.transaction((s) => s.jobs.enqueue({ id, runAt: t0, payload: { type: "task", task: "system.record", caseId: null, data: {} } }));
  return { store, ctx, runs, enqueue };
}

describe("due work claimed by several instances", () => {
  it("a job whose claim was taken back while it waited in its batch is not run under the lost claim, and still runs exactly once", async () => {
    // The first job's run takes back every claim of "a", as another instance does when it
    // wrongly or rightly finds "a" dead: the second job, claimed in the same batch, is then not a's to run.
    const d = deployment(async (jobId, tx) => {
      if (jobId === "j1") await tx.jobs.releaseLeasesOf("a");
    });
    await d.enqueue("j1");
    await d.enqueue("j2");

    const reports = await runDueWork(d.ctx, { leaseOwner: "a" });

    expect(reports.map((report) => [report.jobId, report.outcome === "skipped" ? report.detail : report.outcome])).toEqual([
      ["j1", "recorded"],
      ["j2", claimLost],
      ["j2", "recorded"],
    ]);
    expect(d.runs).toEqual(["j1", "j2"]);
    const jobs = await d.store.transaction((s) => s.jobs.listPending(null, 10));
    expect(jobs).toEqual([]);
  });

  it("a job another instance claimed after this one's lease expired is left to it", async () => {
    const d = deployment(async () => {});
    await d.enqueue("j1");
    // "a" claimed it with a lease that has run out; "b" claimed it since.
    await d.store.transaction((s) => s.jobs.claimDue(t0, 10, new Date(t0.getTime() - 1), "a"));
    await d.store.transaction((s) => s.jobs.claimDue(t0, 10, new Date(Date.now() + 60_000), "b"));

    expect(await d.store.transaction((s) => s.jobs.holdClaim("j1", "a"))).toBe(false);
    expect(await runDueWork(d.ctx, { leaseOwner: "a" })).toEqual([]);
    expect(d.runs).toEqual([]);
  });

  it("the claims of a dead instance go back to pending, those of a command-line tick (no lease holder) are left to their lease", async () => {
    const d = deployment(async () => {});
    await d.enqueue("j1");
    await d.enqueue("j2");
    const lease = new Date(Date.now() + 60_000);
    await d.store.transaction((s) => s.jobs.claimDue(t0, 1, lease, "dead-instance"));
    await d.store.transaction((s) => s.jobs.claimDue(t0, 1, lease, "run:cli-tick"));

    const report = await reclaimOutboxLeases(d.store, { self: "live-instance", isGone: () => true });

    expect(report).toEqual([{ owner: "dead-instance", released: 0, jobs: 1 }]);
    expect((await d.store.transaction((s) => s.jobs.listPending(null, 10))).map((job) => job.id)).toEqual(["j1"]);
  });
});
