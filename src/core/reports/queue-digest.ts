import type { Team } from "../domain/registry.js";
import type { Store } from "../ports/store.js";
import { newId } from "../ports/workflow-context.js";

/**
 * Queues the `staff.digest` `digest` of `period` for `team` unless it was queued before (a second
 * run of the same occurrence, or a restart, sends nothing twice). True when it was queued now.
 */
export async function queueDigestOnce(store: Store, input: { team: Team; digest: string; period: string; now: Date }): Promise<boolean> {
  const key = `digest:${input.digest}:${input.period}`;
  if (await store.keyValues.get(key)) return false;
  await store.keyValues.set(key, input.now.toISOString());
  await store.outbox.enqueue({ id: newId(), createdAt: input.now, payload: { type: "staff.digest", team: input.team, digest: input.digest, period: input.period } });
  return true;
}
