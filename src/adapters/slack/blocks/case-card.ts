import type { types } from "@slack/bolt";
import type { CaseView } from "../../../core/use-cases/get-case-view.js";
import { encodeValue } from "../interaction-values.js";
import { type EventVocabulary, historyLines } from "./case-history.js";
import { button, context, escapeMrkdwn, type FormatInstant, type KnownBlock, maskPhone, type Translate, truncate } from "./format.js";

/** How one lifecycle action shows on a card: which listener answers it, its label key, its colour. */
export interface CardButton {
  actionId: string;
  label: string;
  style?: "primary" | "danger";
}

/**
 * A kind's card buttons by lifecycle action. Actions without an entry (ones only an owner or a
 * clock performs) get no button; two actions may share one button when one listener decides
 * between them (Done on a leak waits for its leak test); one action may offer several buttons,
 * one per choice (a complaint's Classify: Major, Service error, Minor).
 */
export type CardButtons = Readonly<Record<string, CardButton | readonly CardButton[]>>;

/** The resident as staff see them: name and masked phone, never the full number. */
export function reporterLabel(view: Pick<CaseView, "reporter">, t: Translate): string {
  return view.reporter ? `${view.reporter.name} ${maskPhone(view.reporter.phone)}` : t("staff:card.unknown_owner");
}

/** The buttons the lifecycle allows now (`view.actions`), each carrying the case id and version. */
export function caseActionButtons(view: Pick<CaseView, "subject" | "actions">, buttons: CardButtons, t: Translate): types.Button[] {
  const value = encodeValue({ ticketId: view.subject.id, version: view.subject.version });
  const seen = new Set<string>();
  const shown: types.Button[] = [];
  for (const action of view.actions) {
    const entry = buttons[action];
    const specs: readonly CardButton[] = !entry ? [] : "actionId" in entry ? [entry] : entry;
    for (const spec of specs) {
      if (seen.has(spec.actionId)) continue;
      seen.add(spec.actionId);
      shown.push(button(spec.actionId, t(spec.label), value, spec.style));
    }
  }
  return shown;
}

/**
 * One line per running clock, soonest first. A clock whose breach was alerted (`escalatedAt`)
 * keeps running until its step is done, and says it is overdue, so nobody reads a past due
 * instant as one still ahead.
 */
export function clockLines(view: Pick<CaseView, "clocks">, t: Translate, formatInstant: FormatInstant): string[] {
  return view.clocks.map((clock) => {
    const label = t(`staff:clocks.${clock.rule.replace(/\./g, "_")}`);
    const at = formatInstant(clock.dueAt);
    return clock.escalatedAt ? `:warning: ${escapeMrkdwn(t("staff:card.overdue", { clock: label, at }))}` : `:alarm_clock: ${escapeMrkdwn(t("staff:card.due", { clock: label, at }))}`;
  });
}

/** Characters of the history's context left for its lines (the context holds 2000, the title the rest). */
const historyRoom = 1900;

/**
 * What closes every case card, whatever the kind: the running clocks (`staff:clocks.<rule>` with
 * the rule's dots as underscores; overdue ones marked), the recent history, and the buttons the
 * lifecycle allows now.
 */
export function caseCardFooter(view: CaseView, kind: { buttons: CardButtons; events: EventVocabulary }, t: Translate, formatInstant: FormatInstant): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const dues = clockLines(view, t, formatInstant);
  if (dues.length > 0) blocks.push(context(dues.join("\n")));
  // Each line gets its share of the context's room, so a long typed reason never pushes the newest event off the card.
  const history = historyLines(view, kind.events, t, formatInstant);
  const share = Math.max(80, Math.floor(historyRoom / Math.max(1, history.length)));
  if (history.length > 0) blocks.push(context(`*${t("staff:card.history")}*\n${history.map((line) => truncate(line, share)).join("\n")}`));
  const buttons = caseActionButtons(view, kind.buttons, t);
  if (buttons.length > 0) blocks.push({ type: "actions", block_id: "ticket_actions", elements: buttons });
  return blocks;
}
