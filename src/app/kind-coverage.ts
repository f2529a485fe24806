import type { CaseKindRegistry } from "../core/case/registry.js";

/** The kinds each adapter has a module for, by kind id. */
export interface KindCoverage {
  /** Cards and prompts are drawn by a Slack module: without one a case's card is never delivered. */
  slack: readonly string[];
  /** Details are stored in a table of the kind's own: without one nothing of the kind can be saved. */
  persistence: readonly string[];
}

/**
 * Refuses to start when a kind of the registry lacks the Slack module or the details table it
 * needs, naming what is missing, so a half-added kind fails at start-up rather than at the first
 * request of that kind. A Telegram module is optional (a kind the front desk records for owners
 * without a chat flow); the bot checks the modules it has against the registry itself.
 */
export function assertKindsCovered(registry: CaseKindRegistry, coverage: KindCoverage): void {
  const missing: string[] = [];
  for (const kind of registry.list()) {
    if (!coverage.slack.includes(kind.id)) missing.push(`kind ${kind.id} has no Slack module (src/adapters/slack/kinds)`);
    if (!coverage.persistence.includes(kind.id)) missing.push(`kind ${kind.id} has no details table (src/adapters/persistence/kinds)`);
  }
  if (missing.length > 0) throw new Error(`incomplete kind of request: ${missing.join("; ")}`);
}
