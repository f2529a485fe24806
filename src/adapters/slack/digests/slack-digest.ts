import type { WorkflowContext } from "../../../core/ports/workflow-context.js";
import type { FormatInstant, SlackMessage, Translate } from "../blocks/format.js";

/**
 * One periodic summary the outbox's `staff.digest` names by `id` (`service.month`): read from
 * the store at delivery for its period and drawn, so a summary queued at month end shows what
 * the month came to even if delivery waited. Listed once in `digests/index.ts`; the sender knows
 * none by name.
 */
export interface SlackDigest {
  id: string;
  render(workflow: WorkflowContext, period: string, t: Translate, formatInstant: FormatInstant): Promise<SlackMessage & { files?: DigestFile[] }>;
}

/** A file that goes with a summary (the month's chart), uploaded into the post's thread. */
export interface DigestFile {
  filename: string;
  title: string;
  bytes: Uint8Array;
}

/** The digest `id` among `digests`, or null when this release draws no such summary. */
export function findSlackDigest(digests: readonly SlackDigest[], id: string): SlackDigest | null {
  return digests.find((digest) => digest.id === id) ?? null;
}
