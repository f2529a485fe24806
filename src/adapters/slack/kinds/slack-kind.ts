import type { App, webApi } from "@slack/bolt";
import type { Case, CaseKindId } from "../../../core/case/case.js";
import type { MessageRef } from "../../../core/domain/outbox.js";
import type { WorkflowContext } from "../../../core/ports/workflow-context.js";
import type { CaseView, getCaseView } from "../../../core/use-cases/get-case-view.js";
import type { FormatInstant, SlackMessage, Translate } from "../blocks/format.js";
import type { SlackDeps } from "../slack-deps.js";
import type { SlackIntake } from "./slack-intake.js";

/** What `getCaseView` reads besides the case itself. */
export type CaseViewOptions = NonNullable<Parameters<typeof getCaseView>[3]>;

/**
 * One of a kind's prompts (the outbox's `staff.case-prompt` with this `prompt` name): a message
 * about one subject within the case, one per attempt, redrawn in place as the subject changes.
 */
export interface SlackPrompt<D> {
  /** What the view must also read so the prompt can show its subject (`subjectId` of the outbox row). */
  viewOptions(subjectId: string): CaseViewOptions;
  /** Pure: the same view and attempt give the same message. */
  render(view: CaseView<D>, attempt: number, t: Translate, formatInstant: FormatInstant): SlackMessage;
}

/** What a kind's card thread hook is given: the card as just posted or redrawn, and its case. */
export interface CardThreadInput<D> {
  client: webApi.WebClient;
  workflow: WorkflowContext;
  subject: Case<D>;
  card: MessageRef;
  t: Translate;
}

/**
 * Everything the Slack side of one kind of request declares. The sender draws the kind's card
 * and prompts through it and shared listeners (Claim, Assign, Cancel) name the case through
 * `summary`, so neither knows any kind by name; the kind's own buttons and modals are its
 * `register`'s business. Listed once in `kinds/index.ts`.
 */
export interface SlackKindModule<D> {
  /** The core kind id (`CaseKind.id`) this module draws. */
  kind: CaseKindId;
  /** What the card's view must also read (another case's number); none when omitted. */
  cardViewOptions?(subject: Case<D>): CaseViewOptions;
  /** The case's card in its team's channel; pure, so the sender can redraw it after every change. */
  card(view: CaseView<D>, t: Translate, formatInstant: FormatInstant): SlackMessage;
  /** One line saying what the case is about, under its number at the top of shared modals. */
  summary(subject: Case<D>): string;
  /** Builders of the kind's prompts by name; a prompt the module lacks is a dead letter, not a guess. */
  prompts: Readonly<Record<string, SlackPrompt<D>>>;
  /**
   * Posts what belongs in the card's thread once the card shows it (a fee case's demand letter).
   * Runs after every delivery of the card, so it posts each thing once and must remember it did;
   * a failure fails the card's delivery, which the outbox retries.
   */
  afterCard?(input: CardThreadInput<D>): Promise<void>;
  /** Registers the listeners of the buttons and modals only this kind has. */
  register(app: App, deps: SlackDeps): void;
  /** Its part of the front desk's form (`new_request`), when the front desk takes it for owners; see `defineSlackIntake`. */
  intake?: SlackIntake;
}

/** A Slack kind module with its details unknown, as the shared code holds it. */
export type SlackKind = SlackKindModule<unknown>;

/**
 * Declares a kind's Slack module with its details typed. The core validated the details against
 * the kind's schema when it stored the case, so a view of that kind carries them in that shape.
 */
export function defineSlackKind<D>(module: SlackKindModule<D>): SlackKind {
  return module as unknown as SlackKind;
}

/** The module of `kind` among `kinds`, or null when this release draws no such kind. */
export function findSlackKind(kinds: readonly SlackKind[], kind: string): SlackKind | null {
  return kinds.find((module) => module.kind === kind) ?? null;
}
