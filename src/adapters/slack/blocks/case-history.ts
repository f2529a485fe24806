import type { Actor, CaseEvent } from "../../../core/case/case.js";
import type { MessageParams } from "../../../core/domain/outbox.js";
import type { CaseView } from "../../../core/use-cases/get-case-view.js";
import { escapeMrkdwn, type FormatInstant, type Translate } from "./format.js";

/**
 * What a kind's events read like on its card. Event sentences are `staff:events.<type>` and
 * reason phrases `staff:events.reasons.<code>`; only the ones listed are looked up, so an event
 * a newer release writes renders as `staff:events.other` instead of showing a raw key.
 */
export interface EventVocabulary {
  /** Event types with a sentence in `staff:events`. */
  described: ReadonlySet<string>;
  /**
   * Sentences of this kind's own for event types other kinds also write (`reported` is "reported
   * the repair" for a repair), as keys under `staff:events`; the type's own key otherwise.
   */
  sentences?: Readonly<Record<string, string>>;
  /** Reason codes the core writes into event data; any other reason is free text and stays as typed. */
  reasons: ReadonlySet<string>;
  /** Parameters the kind's sentences take besides the recorded data (an outcome's phrase, a formatted instant). */
  params?(data: Record<string, unknown>, t: Translate, formatInstant: FormatInstant): MessageParams;
}

/** Who acted, by name where the view knows it (staff names, the reporting resident). */
export function actorName(actor: Actor, view: Pick<CaseView, "reporter" | "staffNames">, t: Translate): string {
  switch (actor.type) {
    case "staff":
      return view.staffNames[actor.id] ?? t("staff:events.actors.staff");
    case "owner":
      return view.reporter?.id === actor.id ? view.reporter.name : t("staff:events.actors.owner");
    case "system":
      return t("staff:events.actors.system");
  }
}

/** What happened, as a sentence fragment ("assigned it to Li Qiang"). */
export function eventDescription(event: CaseEvent, vocabulary: EventVocabulary, t: Translate, formatInstant: FormatInstant): string {
  const params: MessageParams = { type: event.type };
  for (const [name, value] of Object.entries(event.data)) {
    if (typeof value === "string" || typeof value === "number") params[name] = value;
  }
  const data = event.data;
  if (typeof data.dueAt === "string") params.dueAt = formatInstant(new Date(data.dueAt));
  if (typeof data.reason === "string" && vocabulary.reasons.has(data.reason)) params.reason = t(`staff:events.reasons.${data.reason}`);
  Object.assign(params, vocabulary.params?.(data, t, formatInstant));
  if (!vocabulary.described.has(event.type)) return t("staff:events.other", params);
  return t(`staff:events.${vocabulary.sentences?.[event.type] ?? event.type}`, params);
}

/** One mrkdwn line per event, oldest first: when · who what. */
export function historyLines(
  view: Pick<CaseView, "recentEvents" | "reporter" | "staffNames">,
  vocabulary: EventVocabulary,
  t: Translate,
  formatInstant: FormatInstant,
): string[] {
  return view.recentEvents.map((event) => {
    const who = escapeMrkdwn(actorName(event.actor, view, t));
    return `${formatInstant(event.at)} · *${who}* ${escapeMrkdwn(eventDescription(event, vocabulary, t, formatInstant))}`;
  });
}
