import type { Logger } from "pino";

/**
 * What a debug line may say about the outcome of a staff action: the case's number and the
 * status it reached, read from the use case's result when it is a case. Nothing else of the
 * result (owner names, descriptions, notes) is ever logged.
 */
export function outcomeFacts(result: unknown): Record<string, unknown> {
  if (typeof result !== "object" || result === null) return {};
  const { number, status } = result as { number?: unknown; status?: unknown };
  return { ...(typeof number === "string" ? { caseNumber: number } : {}), ...(typeof status === "string" ? { outcome: status } : {}) };
}

/**
 * Runs a staff action and logs, at debug level, what an operator needs to follow it: what was
 * done (`context`: action or modal id, case id), the case number and status it led to, and how
 * long it took. Returns what `act` returned.
 */
export async function timedAction<T>(log: Logger, context: Record<string, unknown>, act: () => Promise<T>): Promise<T> {
  const startedMs = Date.now();
  const result = await act();
  log.debug({ ...context, ...outcomeFacts(result), durationMs: Date.now() - startedMs }, "staff action handled");
  return result;
}
