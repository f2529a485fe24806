import { formatFen } from "../../../../core/domain/money.js";
import type { EventVocabulary } from "../../blocks/case-history.js";
import { overdueReasons } from "./fee-view.js";

/** Sentences shared with every kind (`staff:events.<type>`). */
const shared = ["claim", "assign", "cancel", "clock_started"];

/** The fee case's own sentences, under `staff:events.fee`: the owner's answers, the ladder's steps, the staff's. */
const own = ["opened", "remind", "acknowledge", "promise", "dispute", "give_reason", "issue_letter", "mark_sent", "home_visit_due", "home_visit_done", "record_payment", "settle", "refer_to_legal"];

/** The owner's answers to a reminder: the card lists them with their times, the household's evidence. */
export const ownerAnswerTypes: ReadonlySet<string> = new Set(["acknowledge", "promise", "dispute", "give_reason"]);

const isOverdueReason = (value: unknown): value is (typeof overdueReasons)[number] => typeof value === "string" && (overdueReasons as readonly string[]).includes(value);

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
    if (isOverdueReason(data.reason)) params.reason = t(`staff:fee.reasons.${data.reason}`);
    if (typeof data.amountFen === "number" && Number.isSafeInteger(data.amountFen)) params.amount = formatFen(data.amountFen);
    if (typeof data.rung === "string") params.rung = t(`staff:fee.rungs.${data.rung}`, { defaultValue: data.rung });
    return params;
  },
};
