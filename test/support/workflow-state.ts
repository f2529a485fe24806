import type { MemoryStore } from "../../src/testing/memory-store.js";

/**
 * Everything a refused action must leave as it was: cases (status, version, details), their
 * history, clocks, callbacks, work orders, receipts, charges, payments, jobs and the outbox.
 * The inbox and identities are left out: recording an update as seen is not a change of work.
 */
export function workflowState(memory: MemoryStore) {
  const { cases, events, clocks, callbacks, workOrders, receipts, charges, payments, jobs, outbox, verifications, sequences, residents } = memory.snapshot();
  return { cases, events, clocks, callbacks, workOrders, receipts, charges, payments, jobs, outbox, verifications, sequences, residents };
}
