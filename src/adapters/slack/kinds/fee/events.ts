import { overdueReasons, reminderRungs } from "../../../../core/kinds/fee/details.js";
import { formatFen } from "../../../../core/domain/money.js";
import type { EventVocabulary } from "../../blocks/case-history.js";

/** Sentences shared with every kind (`staff:events.<type>`). */
const shared = ["claim", "assign", "cancel", "clock_started"];

/** The fee case's own sentences, under `staff:events.fee`: the ladder's steps, the owner's answers, the staff's. */
const own = [
  "reported",
  "reminded",
  "acknowledged",
  "promised",
  "disputed",
  "reason_given",
  "letter_issued",
  "letter_sent",
  "home_visit_due",
  "home_visit_done",
  "payment_recorded",
  "settled",
  "refer_to_legal",
];

/** The owner's answers to a reminder: the card lists them with their times, the household's evidence. */
export const ownerAnswerTypes: ReadonlySet<string> = new Set(["acknowledged", "promised", "disputed", "reason_given"]);

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T => typeof value === "string" && (values as readonly string[]).includes(value);

/**
 * How a fee case's history reads on its card. A type it does not know (a newer release's) reads
 * as `staff:events.other`, never as a raw key.
 */
export const feeEvents: EventVocabulary = {
  described: new Set([...shared, ...own]),
  sentences: Object.fromEntries(own.map((type) => [type, `fee.${type}`])),
  reasons: new Set(),
  params(data, t) {
    const params: Record<string, string> = {};
    if (isOneOf(overdueReasons, data.reason)) params.reason = t(`staff:fee.reasons.${data.reason}`);
    if (isOneOf(reminderRungs, data.rung)) params.rung = t(`staff:fee.rungs.${data.rung}`);
    for (const name of ["amountFen", "totalFen"] as const) {
      const fen = data[name];
      if (typeof fen === "number" && Number.isSafeInteger(fen)) params[name === "amountFen" ? "amount" : "total"] = formatFen(fen);
    }
    return params;
  },
};
