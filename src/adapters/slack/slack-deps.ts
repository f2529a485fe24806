import type { Logger } from "pino";
import type { Locale, Team } from "../../core/domain/registry.js";
import type { Translator } from "../../core/ports/translator.js";
import type { WorkflowContext } from "../../core/ports/workflow-context.js";

/**
 * Everything the Slack adapter needs, handed over by the composition root: nothing here is read
 * from the environment, so tests build the real app against a fake Web API and a memory store.
 */
export interface SlackDeps {
  /** Bot token (`xoxb-…`). */
  token: string;
  signingSecret: string;
  /** Web API root, `https://slack.com/api/` in production, a fake's URL in tests. */
  apiUrl: string;
  /** The bot's ids: given up front so Bolt never calls `auth.test` at start. */
  botId: string;
  botUserId: string;
  workflow: WorkflowContext;
  translator: Translator;
  /** Language of every staff-facing text (cards, modals, ephemerals). */
  staffLocale: Locale;
  /** The channel a team's cards and alerts go to. */
  channelFor(team: Team): string;
  logger: Logger;
  /** Web API retries for listener calls (ephemerals, modals); 0 in tests. Default 2. */
  retries?: number;
  /** Hears of each request from Slack (click, submission, shortcut) whose listeners ran without failing; for metrics, must not throw. */
  onEventHandled?: () => void;
  /** Hears of each 429 Slack answered a listener's call; for metrics, must not throw. */
  onRateLimited?: () => void;
}
