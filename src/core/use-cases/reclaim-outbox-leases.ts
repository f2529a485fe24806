import { z } from "zod";
import type { UnitOfWork } from "../ports/store.js";
import { isUnregisteredRun } from "./run-due-work.js";

/**
 * How a process that delivers the outbox describes itself to the others, under
 * {@link leaseHolderKey}: where it runs and a heartbeat it rewrites every few seconds while alive.
 */
export const LeaseHolderSchema = z.object({
  host: z.string(),
  pid: z.number().int(),
  startedAt: z.string(),
  /** Changes at every heartbeat; only its changing matters, not its value (clocks differ between hosts). */
  beat: z.string(),
});
export type LeaseHolder = z.infer<typeof LeaseHolderSchema>;

export const leaseHolderKey = (owner: string): string => `outbox:holder:${owner}`;

export interface ReclaimOutboxLeasesInput {
  /** The calling process: its own leases are never taken back. */
  self: string;
  /**
   * Whether the process `owner` is proven gone, given its record (null when it has none: it
   * stopped cleanly, or never wrote one). Only a proof counts: a live process whose lease is
   * taken back would send its message a second time.
   */
  isGone(owner: string, holder: LeaseHolder | null): boolean;
}

/** What one reclaim did: per dead owner, how many messages and due jobs went back to the queue. */
export type ReclaimReport = { owner: string; released: number; jobs: number }[];

/**
 * Takes back the outbox leases and job claims of processes proven dead, so a crash mid-send
 * does not hold each of its recipients' head of line until the lease expires (two minutes), nor
 * its claimed jobs for their minute. Each message it held goes back to pending, marked as
 * possibly sent twice (`resentAfterCrash`): it is sent once more, the at-most-once-again a crash
 * in flight costs. Each job goes back to pending as due as before; a job never commits twice
 * (`holdClaim`). The dead owner's record is removed with them.
 */
export async function reclaimOutboxLeases(uow: UnitOfWork, input: ReclaimOutboxLeasesInput): Promise<ReclaimReport> {
  return uow.transaction(async (store) => {
    const report: ReclaimReport = [];
    const jobOwners = (await store.jobs.leaseOwners()).filter((owner) => !isUnregisteredRun(owner));
    const owners = new Set([...(await store.outbox.leaseOwners()), ...jobOwners]);
    for (const owner of [...owners].sort()) {
      if (owner === input.self) continue;
      const raw = await store.keyValues.get(leaseHolderKey(owner));
      const parsed = raw === null ? null : LeaseHolderSchema.safeParse(safeJson(raw));
      const holder = parsed?.success ? parsed.data : null;
      if (!input.isGone(owner, holder)) continue;
      const jobs = isUnregisteredRun(owner) ? 0 : await store.jobs.releaseLeasesOf(owner);
      report.push({ owner, released: await store.outbox.releaseLeasesOf(owner), jobs });
      await store.keyValues.delete(leaseHolderKey(owner));
    }
    return report;
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
